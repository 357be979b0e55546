package io.castline.engine.output;

import io.castline.engine.encode.StreamInfo;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.Interrupts;

import java.util.List;

/**
 * The transports Castline can send with, first match wins: SRT over our own libsrt socket where the
 * system has libsrt, WebRTC through libavformat's WHIP muxer, else libavformat's protocols for
 * everything.
 */
public final class Transports {
    private static final List<TransportKind> KINDS = List.of(new SrtTransport.Kind(), new WhipTransport.Kind(),
            new LibavformatTransport());

    private Transports() {}

    public static List<TransportKind> all() { return KINDS; }

    /** The encoded streams an output to {@code target} takes, in their order. */
    public static List<StreamInfo> streamsFor(OutputTarget target, List<StreamInfo> encoded) {
        // a target nobody carries fails at its connect, in words; until then it takes what most do
        TransportKind kind = KINDS.stream().filter(k -> k.carries(target)).findFirst().orElse(KINDS.get(KINDS.size() - 1));
        return encoded.stream().filter(kind::takes).toList();
    }

    /** The first kind that carries {@code target}. */
    public static TransportKind forTarget(OutputTarget target) {
        for (TransportKind k : KINDS) if (k.carries(target)) return k;
        throw new IllegalArgumentException(target.name() + ": no transport carries " + target.maskedUrl());
    }

    static Transport open(OutputTarget target, List<StreamInfo> streams, Interrupts.Deadline deadline) throws AvException {
        return forTarget(target).open(target, streams, deadline);
    }

    /** libavformat's muxers and protocols: FLV over rtmp(s)://, MPEG-TS over srt://, and files. */
    static final class LibavformatTransport implements TransportKind {
        @Override public String id() { return "libavformat"; }

        @Override public boolean carries(OutputTarget target) {
            if (!target.network()) return true;
            String url = target.publishUrl().toLowerCase(java.util.Locale.ROOT);
            return url.startsWith("rtmp://") || url.startsWith("rtmps://") || url.startsWith("srt://");
        }

        @Override public Transport open(OutputTarget target, List<StreamInfo> streams, Interrupts.Deadline deadline)
                throws AvException {
            return Muxer.open(target, streams, deadline);
        }
    }
}
