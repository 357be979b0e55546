package io.castline.engine.output;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.castline.engine.destination.Secrets;
import io.castline.engine.destination.SrtUrl;
import io.castline.engine.encode.StreamInfo;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.Interrupts;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * SRT in caller mode over our own libsrt socket ({@link LibSrt}): MPEG-TS from libavformat's muxer,
 * seven TS packets per datagram, and the connection's own statistics (loss, retransmissions, RTT,
 * the sender's buffer) for the output's stats and the uplink verdict. Owned by the output's thread;
 * {@link #linkStats()} may be read from any (libsrt's statistics call is thread-safe).
 */
final class SrtTransport implements Transport, ByteSink {
    /** How long one blocking send waits before the output's deadline is looked at again. */
    private static final int SEND_SLICE_MILLIS = 100;
    private static final long POLL_MILLIS = 5;
    // srt_getlasterror codes: a full sender buffer / a send that timed out (try again)
    private static final int SRT_EASYNCSND = 6001;
    private static final int SRT_ETIMEOUT = 6003;

    private final LibSrt.Api srt;
    private final int socket;
    private final Interrupts.Deadline deadline;
    private final int latencyMillis;
    private final Memory stats = new Memory(LibSrt.Stats.C_SIZE_BOUND);
    private Muxer muxer;
    private volatile boolean closed;
    private String failure;

    /** The registry's entry: {@code srt://} when this system has libsrt (else FFmpeg's protocol carries it). */
    static final class Kind implements TransportKind {
        @Override public String id() { return "srt"; }

        @Override public String earlyLossHint() {
            return "the SRT listener dropped the stream right after it began (stream id refused?)";
        }

        @Override public boolean carries(OutputTarget target) {
            return target.network() && target.publishUrl().toLowerCase(Locale.ROOT).startsWith("srt://")
                    && LibSrt.available();
        }

        @Override public Transport open(OutputTarget target, List<StreamInfo> streams, Interrupts.Deadline deadline)
                throws AvException {
            return SrtTransport.open(target, streams, deadline);
        }
    }

    private SrtTransport(LibSrt.Api srt, int socket, Interrupts.Deadline deadline, int latencyMillis) {
        this.srt = srt;
        this.socket = socket;
        this.deadline = deadline;
        this.latencyMillis = latencyMillis;
    }

    static SrtTransport open(OutputTarget target, List<StreamInfo> streams, Interrupts.Deadline deadline)
            throws AvException {
        LibSrt.Api srt = LibSrt.api();
        SrtUrl url;
        try {
            url = SrtUrl.parse(target.publishUrl());
        } catch (IllegalArgumentException e) {
            throw new AvException(e.getMessage());
        }
        int socket = srt.srt_create_socket();
        if (socket < 0) throw new AvException("cannot create an SRT socket: " + srt.srt_getlasterror_str());
        SrtTransport t = new SrtTransport(srt, socket, deadline, url.latencyMillis() == null ? 120 : url.latencyMillis());
        try {
            t.configure(url);
            t.connect(target, url);
            t.muxer = Muxer.open(target, streams, deadline, t);
            return t;
        } catch (AvException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private void configure(SrtUrl url) throws AvException {
        option(LibSrt.SRTO_TRANSTYPE, LibSrt.intValue(LibSrt.SRTT_LIVE), 4, "transtype");
        option(LibSrt.SRTO_RCVSYN, LibSrt.intValue(0), 4, "rcvsyn"); // the connect is polled: a stop must end it
        option(LibSrt.SRTO_SNDSYN, LibSrt.intValue(1), 4, "sndsyn");
        option(LibSrt.SRTO_SNDTIMEO, LibSrt.intValue(SEND_SLICE_MILLIS), 4, "sndtimeo");
        option(LibSrt.SRTO_CONNTIMEO, LibSrt.intValue(60_000), 4, "conntimeo"); // the output's deadline decides
        if (url.latencyMillis() != null) option(LibSrt.SRTO_LATENCY, LibSrt.intValue(url.latencyMillis()), 4, "latency");
        if (url.passphrase() != null) text(LibSrt.SRTO_PASSPHRASE, url.passphrase(), "passphrase");
        if (url.keyLength() != null) option(LibSrt.SRTO_PBKEYLEN, LibSrt.intValue(url.keyLength()), 4, "pbkeylen");
        if (url.streamId() != null) text(LibSrt.SRTO_STREAMID, url.streamId(), "streamid");
        if (url.maxBandwidth() != null) option(LibSrt.SRTO_MAXBW, LibSrt.longValue(url.maxBandwidth()), 8, "maxbw");
        if (url.inputBandwidth() != null) option(LibSrt.SRTO_INPUTBW, LibSrt.longValue(url.inputBandwidth()), 8, "inputbw");
        if (url.overheadPercent() != null) option(LibSrt.SRTO_OHEADBW, LibSrt.intValue(url.overheadPercent()), 4, "oheadbw");
    }

    private void option(int option, Memory value, int length, String name) throws AvException {
        if (srt.srt_setsockflag(socket, option, value, length) < 0) {
            throw new AvException("SRT option " + name + " refused: " + srt.srt_getlasterror_str());
        }
    }

    private void text(int option, String value, String name) throws AvException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(bytes.length + 1);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        option(option, m, bytes.length, name);
        m.clear(); // no copy of a secret left in native memory longer than needed
    }

    private void connect(OutputTarget target, SrtUrl url) throws AvException {
        InetAddress address;
        try {
            address = InetAddress.getByName(url.host()); // already resolved by the output (cached)
        } catch (UnknownHostException e) {
            throw new AvException("cannot resolve " + url.host());
        }
        Memory sockaddr = sockaddr(address, url.port());
        int rc = srt.srt_connect(socket, sockaddr, (int) sockaddr.size());
        String where = url.host() + ":" + url.port();
        while (true) {
            int state = srt.srt_getsockstate(socket);
            if (state == LibSrt.SRTS_CONNECTED) return;
            if (state != LibSrt.SRTS_CONNECTING && !(rc >= 0 && state < LibSrt.SRTS_CONNECTING)) {
                throw new AvException(refusal(srt.srt_getrejectreason(socket), where));
            }
            // the output names an expired deadline ("no answer within N s"), an abort ("stopped")
            if (deadline.aborted() || deadline.timedOut()) throw new AvException("SRT connect to " + where + " timed out");
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AvException("SRT connect to " + where + " interrupted");
            }
        }
    }

    /** Why the listener (or the path) refused, in words a host can act on. */
    static String refusal(int reason, String where) {
        String why = switch (reason) {
            case LibSrt.SRT_REJ_BADSECRET -> "wrong passphrase";
            case LibSrt.SRT_REJ_UNSECURE -> "the listener expects a passphrase and this URL has none, or the other way round";
            case LibSrt.SRT_REJ_TIMEOUT -> "no SRT listener answered (nothing listening on that UDP port, or a firewall)";
            case LibSrt.SRT_REJ_BACKLOG -> "the listener is busy (its queue of callers is full)";
            case LibSrt.SRT_REJ_VERSION -> "the listener's SRT version is not compatible";
            default -> reason >= LibSrt.SRT_REJC_PREDEFINED + 400 && reason < LibSrt.SRT_REJC_PREDEFINED + 600
                    ? listenerCode(reason - LibSrt.SRT_REJC_PREDEFINED)
                    : "connection failed (SRT reason " + reason + ")";
        };
        return "cannot connect: the SRT listener at " + where + " refused: " + why;
    }

    /** SRT's access-control codes (1000 + an HTTP status) as the listener's application sends them. */
    private static String listenerCode(int status) {
        return switch (status) {
            case 401 -> "not authorised (401: the stream id or passphrase)";
            case 403 -> "forbidden (403: this stream id may not publish)";
            case 404 -> "no such stream (404: check the stream id)";
            // the SRT counterpart of RTMP's "already publishing": retried like it
            case 409 -> "the stream id is already publishing (409: an earlier session may still be open)";
            default -> "refused with code " + status;
        };
    }

    private static Memory sockaddr(InetAddress address, int port) {
        byte[] ip = address.getAddress();
        boolean v6 = address instanceof Inet6Address;
        Memory m = new Memory(v6 ? 28 : 16);
        m.clear();
        int family = v6 ? (Platform.isMac() ? 30 : Platform.isWindows() ? 23 : 10) : 2;
        if (Platform.isMac()) { // BSD layout: a length byte, then a one-byte family
            m.setByte(0, (byte) m.size());
            m.setByte(1, (byte) family);
        } else {
            m.setShort(0, (short) family);
        }
        m.setByte(2, (byte) (port >> 8)); // network byte order
        m.setByte(3, (byte) port);
        m.write(v6 ? 8 : 4, ip, 0, ip.length);
        return m;
    }

    /** The muxer's bytes, one datagram (at most 1316 bytes) per call. */
    @Override public boolean send(long address, int length) {
        Pointer data = new Pointer(address);
        while (true) {
            int sent = srt.srt_send(socket, data, length);
            if (sent >= 0) return true;
            int code = srt.srt_getlasterror(null);
            boolean full = code == SRT_ETIMEOUT || code == SRT_EASYNCSND;
            if (full && !closed && !deadline.aborted() && !deadline.timedOut()) continue; // the buffer drains
            failure = full ? "SRT send timed out (the path takes nothing)" : "SRT connection lost: " + srt.srt_getlasterror_str();
            return false;
        }
    }

    @Override public String failure() { return failure == null ? null : Secrets.mask(failure); }

    @Override public void write(AVPacket packet, int streamIndex) throws AvException {
        try {
            muxer.write(packet, streamIndex);
        } catch (AvException e) {
            throw failure == null ? e : new AvException(failure());
        }
    }

    @Override public long bytesWritten() { return muxer == null ? 0 : muxer.bytesWritten(); }

    /** SRT's own figures of this connection; null once it is closed or if libsrt has none. */
    @Override public LinkStats linkStats() {
        if (closed) return null;
        synchronized (stats) {
            if (srt.srt_bstats(socket, stats, 0) < 0) return null;
            LibSrt.Stats s = new LibSrt.Stats(stats);
            s.read();
            long unacked = Math.max(0, s.byteSndBuf);
            return new LinkStats("srt", s.msRTT, s.byteSentTotal, s.byteRetransTotal, unacked, s.pktSentTotal,
                    s.pktSndLossTotal, s.pktRetransTotal, s.pktSndDropTotal, s.mbpsBandwidth, latencyMillis);
        }
    }

    @Override public void finish() throws AvException {
        try {
            if (muxer != null) muxer.finish();
        } finally {
            close();
        }
    }

    @Override public void close() {
        if (muxer != null) muxer.close();
        if (!closed) {
            closed = true;
            synchronized (stats) {
                srt.srt_close(socket);
            }
        }
    }
}
