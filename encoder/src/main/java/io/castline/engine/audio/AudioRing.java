package io.castline.engine.audio;

/**
 * A planar float ring buffer between an audio source thread and the mixer. When the writer is
 * ahead by more than the capacity (a device clock a little faster than ours) the oldest samples
 * are overwritten, which bounds the latency instead of letting it grow.
 */
public final class AudioRing {
    private final float[][] data;
    private final int capacity;
    private long written;
    private long read;
    private long overruns;

    public AudioRing(int channels, int capacity) {
        this.data = new float[channels][capacity];
        this.capacity = capacity;
    }

    public synchronized void write(float[][] planar, int offset, int count) {
        for (int i = 0; i < count; i++) {
            int at = (int) ((written + i) % capacity);
            for (int ch = 0; ch < data.length; ch++) {
                float[] src = planar[Math.min(ch, planar.length - 1)];
                data[ch][at] = src[offset + i];
            }
        }
        written += count;
        if (written - read > capacity) {
            overruns += written - read - capacity;
            read = written - capacity;
        }
    }

    public synchronized int read(float[][] out, int count) {
        int n = (int) Math.min(count, written - read);
        for (int i = 0; i < n; i++) {
            int at = (int) ((read + i) % capacity);
            for (int ch = 0; ch < out.length; ch++) out[ch][i] = data[Math.min(ch, data.length - 1)][at];
        }
        read += n;
        return n;
    }

    public synchronized int available() { return (int) (written - read); }

    public synchronized long overruns() { return overruns; }
}
