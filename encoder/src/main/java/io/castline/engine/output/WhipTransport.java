package io.castline.engine.output;

import io.castline.engine.destination.WhipUrl;
import io.castline.engine.encode.MediaType;
import io.castline.engine.encode.StreamInfo;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.FFmpegLog;
import io.castline.engine.ffmpeg.Interrupts;
import io.castline.engine.tls.CertificateRefusedException;
import io.castline.engine.tls.HttpsRelay;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * WebRTC through a WHIP endpoint, with libavformat's {@code whip} muxer (a {@link Muxer} of that
 * format): the muxer POSTs its SDP offer to the endpoint ({@code Authorization: Bearer} the
 * destination's key), takes the first UDP host candidate of the answer, does ICE (STUN) and the
 * DTLS handshake there and sends H.264 and Opus over SRTP. Its ICE/DTLS loop does not look at the
 * interrupt callback, only at {@code handshake_timeout}, so that is kept within what the output's
 * deadline has left; the HTTP request and the UDP socket do look at it.
 *
 * <p>What FFmpeg says when it fails is plumbing (the whole SDP offer, state numbers); {@link #describe}
 * turns it into words: the endpoint refused the token (401), forbade the publish (403), does not
 * exist (404), ICE got no answer from the receiver's candidate, the DTLS handshake failed.
 */
final class WhipTransport {
    static final String FORMAT = "whip";
    /** The longest the ICE and DTLS handshake may take (FFmpeg's default too). */
    static final long HANDSHAKE_MILLIS = 5_000;
    /** What the output's deadline keeps for the HTTP request before the handshake starts. */
    private static final long REQUEST_RESERVE_MILLIS = 1_000;

    private WhipTransport() {}

    /** The {@code whip} muxer's state numbers (libavformat/whip.c's WHIPState), as its timeout message says them. */
    private static final int STATE_ICE_CONNECTED = 7;
    private static final Pattern TIMEOUT_STATE = Pattern.compile("DTLS handshake timeout=\\d+ms.*state=(\\d+)");

    static final class Kind implements TransportKind {
        @Override public String id() { return "whip"; }

        @Override public boolean overTcp() { return false; }

        /** A receiver that closed its peer connection may leave the send blocked rather than refused. */
        @Override public String stalledReason(long seconds) {
            return "the WebRTC receiver stopped taking the media (send stalled for " + seconds + " s)";
        }

        @Override public String earlyLossHint() {
            return "the WebRTC receiver ended the session right after it began";
        }

        @Override public boolean carries(OutputTarget target) {
            return target.network() && FORMAT.equals(target.formatName());
        }

        /** WebRTC's codecs here: H.264 and Opus (not the AAC the other transports carry). */
        @Override public boolean takes(StreamInfo stream) {
            return stream.type() == MediaType.VIDEO ? stream.codecId() == AV_CODEC_ID_H264 : stream.codecId() == AV_CODEC_ID_OPUS;
        }

        @Override public Transport open(OutputTarget target, List<StreamInfo> streams, Interrupts.Deadline deadline)
                throws AvException {
            if (streams.stream().noneMatch(s -> s.type() == MediaType.VIDEO)) {
                throw new AvException("WHIP carries H.264 video (and Opus sound): this broadcast has no H.264 stream");
            }
            WhipUrl url = WhipUrl.parse(target.publishUrl());
            // whips://: FFmpeg speaks plain HTTP to a relay that makes the request over verified TLS
            HttpsRelay relay = null;
            if (url.tls()) {
                try {
                    relay = new HttpsRelay(target.name(), url.host(), url.port(), target.trust());
                } catch (java.io.IOException e) {
                    throw new AvException("cannot start the HTTPS relay: " + e.getMessage());
                }
            }
            String endpoint = relay == null ? url.endpoint() : "http://127.0.0.1:" + relay.localPort() + url.path();
            long handshake = Math.max(500, Math.min(HANDSHAKE_MILLIS, deadline.millisLeft() - REQUEST_RESERVE_MILLIS));
            Map<String, String> options = new HashMap<>(target.muxerOptions());
            options.put("handshake_timeout", Long.toString(handshake));
            options.put("strict", "experimental"); // FFmpeg marks the whip muxer experimental
            if (url.token() != null) options.put("authorization", url.token());
            OutputTarget http = new OutputTarget(target.name(), endpoint, target.maskedUrl(), FORMAT, true,
                    Map.copyOf(options), url.host(), url.port(), null, target.role());
            try {
                return new Session(Muxer.open(http, streams, deadline), relay);
            } catch (AvException e) {
                if (relay != null) relay.close();
                if (deadline.aborted()) throw e;
                if (relay != null && relay.refusal() != null) { // permanent: retrying offers the token to the same impostor
                    throw new CertificateRefusedException(relay.refusal() + " (" + url.host() + ":" + url.port()
                            + "): the WHIP token was not sent");
                }
                if (relay != null && relay.unreachable() != null) {
                    throw AvException.described("cannot reach the WHIP endpoint: " + relay.unreachable() + " ("
                            + url.host() + ":" + url.port() + ")", e.code());
                }
                throw AvException.described(describe(e.code(), FFmpegLog.errorsSinceClear(), url.host() + ":" + url.port(),
                        handshake), e.code());
            }
        }
    }

    /**
     * An open WebRTC session: the muxer, with a lost connection said in words. The receiver going
     * away shows as the next packets refused (its UDP port is closed: ECONNREFUSED), its DTLS
     * session closed (EIO), or its ICE consent no longer answered.
     */
    private static final class Session implements Transport {
        private final Muxer muxer;
        /** The verified HTTPS relay of a whips:// session (its DELETE goes through it at the end), or null. */
        private final HttpsRelay relay;

        Session(Muxer muxer, HttpsRelay relay) {
            this.muxer = muxer;
            this.relay = relay;
        }

        @Override public void write(org.bytedeco.ffmpeg.avcodec.AVPacket packet, int streamIndex) throws AvException {
            try {
                muxer.write(packet, streamIndex);
            } catch (AvException e) {
                throw AvException.described(lost(e.code(), FFmpegLog.errorsSinceClear()), e.code());
            }
        }

        @Override public long bytesWritten() { return muxer.bytesWritten(); }

        @Override public void finish() throws AvException {
            try {
                muxer.finish();
            } finally {
                if (relay != null) relay.close();
            }
        }

        @Override public void close() {
            muxer.close();
            if (relay != null) relay.close();
        }
    }

    /** Why a live WebRTC session ended, in words. */
    static String lost(int code, List<String> logged) {
        String log = String.join("\n", logged);
        if (log.contains("Consent Freshness expired")) {
            return "the WebRTC receiver stopped answering (ICE consent expired)";
        }
        String text = AvException.errorText(code); // errno's words, the same on every Linux
        if (text.equals("Connection refused")) return "the WebRTC receiver went away (its UDP port refuses the media)";
        if (text.equals("Input/output error")) return "the WebRTC receiver closed the session (DTLS closed)";
        return "WebRTC send failed: " + text;
    }

    /**
     * A failed WHIP open in words, from FFmpeg's error code and what it logged (keys already
     * masked). The words say which side to look at: the endpoint (HTTP), the network path to the
     * receiver's candidate (ICE), or the secure handshake (DTLS).
     */
    static String describe(int code, List<String> logged, String endpoint, long handshakeMillis) {
        String log = String.join("\n", logged);
        String seconds = String.format(Locale.ROOT, "%.1f s", handshakeMillis / 1000.0);
        if (code == AVERROR_HTTP_UNAUTHORIZED) {
            return "the WHIP endpoint refused the token (HTTP 401 Unauthorized): check the destination's key";
        }
        if (code == AVERROR_HTTP_FORBIDDEN) return "the WHIP endpoint forbade this publish (HTTP 403 Forbidden)";
        if (code == AVERROR_HTTP_NOT_FOUND) return "no WHIP endpoint at this address (HTTP 404 Not Found): check the URL's path";
        if (code == AVERROR_HTTP_BAD_REQUEST) return "the WHIP endpoint rejected the offer (HTTP 400 Bad Request)";
        if (code == AVERROR_HTTP_TOO_MANY_REQUESTS) return "the WHIP endpoint is busy (HTTP 429 Too Many Requests)";
        if (code == AVERROR_HTTP_OTHER_4XX) return "the WHIP endpoint refused the offer (HTTP 4xx)";
        if (code == AVERROR_HTTP_SERVER_ERROR) return "the WHIP endpoint failed (HTTP 5xx server error)";
        if (log.contains("Unsupported B frames")) return "WebRTC takes no B-frames: set bframes to 0";
        if (log.contains("Unsupported video codec")) return "WebRTC here takes H.264 video only";
        if (log.contains("Invalid answer") || log.contains("No answer to parse")) {
            return "the WHIP endpoint answered, but not with an SDP answer";
        }
        if (log.contains("No ice candidate") || log.contains("not supported by RTC, choose udp")) {
            return "the WHIP answer offers no UDP host candidate to send to (ICE cannot start)";
        }
        if (log.contains("No remote DTLS fingerprint")) {
            return "the WHIP answer has no DTLS fingerprint: refused, the media could not be secured";
        }
        Matcher timeout = TIMEOUT_STATE.matcher(log);
        if (timeout.find()) {
            int state = Integer.parseInt(timeout.group(1));
            return state < STATE_ICE_CONNECTED
                    ? "ICE failed: the receiver's candidate did not answer STUN within " + seconds
                      + " (UDP blocked, or a candidate this machine cannot reach)"
                    : "the DTLS handshake with the receiver did not finish within " + seconds;
        }
        if (log.contains("DTLS session failed") || log.contains("Failed to open DTLS")) {
            return "the DTLS handshake with the receiver failed (it refused the certificate, or spoke no DTLS)";
        }
        if (log.contains("Failed to connect udp://")) return "cannot open a UDP socket to the receiver's ICE candidate";
        if (log.contains("Failed to request url") || log.contains("Failed to read response")) {
            return "cannot reach the WHIP endpoint: " + AvException.errorText(code) + " (" + endpoint + ")";
        }
        return "WHIP connection failed: " + AvException.errorText(code);
    }
}
