package io.castline.engine.video;

import io.castline.engine.ffmpeg.AvException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

/**
 * The picture shown when a source has nothing to show: drawn once with Java2D, converted once to
 * the canvas format, then copied into the canvas whenever it is needed.
 */
final class NoSignalCard {
    private NoSignalCard() {}

    /** Longer labels (a Windows device name can be long) are cut so the line stays on the card. */
    private static final int MAX_LABEL = 48;

    static AVFrame render(int width, int height, String sourceLabel) throws AvException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0x1b, 0x1e, 0x24));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0xe8, 0xea, 0xed));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, height / 12)));
            centre(g, "NO SIGNAL", width, height / 2);
            g.setColor(new Color(0x9a, 0xa0, 0xa6));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, height / 30)));
            centre(g, line(sourceLabel), width, height / 2 + height / 10);
        } finally {
            g.dispose();
        }
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();

        AVFrame frame = av_frame_alloc();
        frame.format(AV_PIX_FMT_YUV420P);
        frame.width(width);
        frame.height(height);
        AvException.check(av_frame_get_buffer(frame, 32), "no-signal frame");
        SwsContext sws = sws_getContext(width, height, AV_PIX_FMT_BGR24, width, height, AV_PIX_FMT_YUV420P,
                SWS_BILINEAR, null, null, (DoublePointer) null);
        try (BytePointer src = new BytePointer(bgr);
             PointerPointer<?> srcPlanes = new PointerPointer<>(4).put(0, src);
             IntPointer srcStrides = new IntPointer(new int[]{width * 3, 0, 0, 0})) {
            sws_scale(sws, srcPlanes, srcStrides, 0, height, frame.data(), frame.linesize());
        } finally {
            sws_freeContext(sws);
        }
        return frame;
    }

    /** "Camera /dev/video0 is not delivering pictures". */
    static String line(String sourceLabel) {
        String label = sourceLabel.length() > MAX_LABEL ? sourceLabel.substring(0, MAX_LABEL - 1) + "…" : sourceLabel;
        if (!label.isEmpty()) label = Character.toUpperCase(label.charAt(0)) + label.substring(1);
        return label + " is not delivering pictures";
    }

    private static void centre(Graphics2D g, String text, int width, int baseline) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, (width - m.stringWidth(text)) / 2, baseline);
    }
}
