package io.castline.engine.show;

/** Source pixels cut off each edge before the picture is fitted into its layer. */
public record Crop(int left, int top, int right, int bottom) {
    public static final Crop NONE = new Crop(0, 0, 0, 0);

    public boolean isNone() { return left == 0 && top == 0 && right == 0 && bottom == 0; }
}
