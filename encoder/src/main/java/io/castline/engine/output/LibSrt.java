package io.castline.engine.output;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Haivision's libsrt, called directly (JNA) so that an SRT output can read its own connection's
 * statistics: the bundled FFmpeg links libsrt in with its symbols hidden and exposes none of them
 * (OBS sends SRT through its own port of FFmpeg's protocol for the same reason). The library is the
 * system's ({@code libsrt1.5-gnutls} or {@code libsrt1.5-openssl} on Debian, Homebrew's
 * {@code srt}, {@code srt.dll}); without it SRT still goes out through FFmpeg's protocol, blind.
 *
 * <p>Only the calls a caller-mode live sender needs, and the statistics up to the send buffer's
 * figures (the C struct is longer; the memory handed to {@code srt_bstats} is big enough for all of it).
 */
final class LibSrt {
    private static final Logger log = LoggerFactory.getLogger(LibSrt.class);

    // SRT_SOCKOPT (srt.h, 1.5)
    static final int SRTO_SNDSYN = 1;
    static final int SRTO_RCVSYN = 2;
    static final int SRTO_SNDTIMEO = 13;
    static final int SRTO_MAXBW = 16;
    static final int SRTO_LATENCY = 23;
    static final int SRTO_INPUTBW = 24;
    static final int SRTO_OHEADBW = 25;
    static final int SRTO_PASSPHRASE = 26;
    static final int SRTO_PBKEYLEN = 27;
    static final int SRTO_CONNTIMEO = 36;
    static final int SRTO_STREAMID = 46;
    static final int SRTO_TRANSTYPE = 50;
    static final int SRTT_LIVE = 0;

    // SRT_SOCKSTATUS
    static final int SRTS_CONNECTING = 4;
    static final int SRTS_CONNECTED = 5;

    // SRT_REJECT_REASON (the ones told in words); 1000 + an HTTP-like code is the listener's own
    static final int SRT_REJ_BACKLOG = 5;
    static final int SRT_REJ_VERSION = 8;
    static final int SRT_REJ_BADSECRET = 10;
    static final int SRT_REJ_UNSECURE = 11;
    static final int SRT_REJ_TIMEOUT = 16;
    static final int SRT_REJC_PREDEFINED = 1000;

    /** The C functions, as srt.h declares them (SRTSOCKET is an int). */
    interface Api extends Library {
        int srt_startup();
        int srt_create_socket();
        int srt_setsockflag(int socket, int option, Pointer value, int length);
        int srt_connect(int socket, Pointer address, int length);
        int srt_send(int socket, Pointer buffer, int length);
        int srt_bstats(int socket, Pointer stats, int clear);
        int srt_getsockstate(int socket);
        int srt_getrejectreason(int socket);
        String srt_rejectreason_str(int reason);
        String srt_getlasterror_str();
        int srt_getlasterror(Pointer errnoLocation);
        int srt_close(int socket);
    }

    private static final String[] NAMES = {"srt", "srt-gnutls", "srt-openssl", "libsrt.so.1.5", "libsrt-gnutls.so.1.5",
            "libsrt-openssl.so.1.5"};
    private static volatile Api api;
    private static volatile boolean tried;

    private LibSrt() {}

    /** The library, started once; null when this system has none. */
    static Api api() {
        if (tried) return api;
        synchronized (LibSrt.class) {
            if (tried) return api;
            if (!Boolean.getBoolean("castline.srt.ffmpeg")) { // a way to send through FFmpeg's protocol instead
                for (String name : NAMES) {
                    try {
                        Api loaded = Native.load(name, Api.class);
                        if (loaded.srt_startup() < 0) continue;
                        api = loaded;
                        log.debug("SRT: using the system's lib{}", name);
                        break;
                    } catch (UnsatisfiedLinkError e) {
                        // not this name
                    }
                }
            }
            if (api == null) log.info("SRT: no system libsrt; SRT outputs go through FFmpeg's protocol without SRT statistics");
            tried = true;
            return api;
        }
    }

    static boolean available() { return api() != null; }

    /**
     * {@code SRT_TRACEBSTATS} from its start to the send buffer's figures, in the C layout (natural
     * alignment on every 64-bit platform libsrt supports).
     */
    @Structure.FieldOrder({"msTimeStamp", "pktSentTotal", "pktRecvTotal", "pktSndLossTotal", "pktRcvLossTotal",
            "pktRetransTotal", "pktSentACKTotal", "pktRecvACKTotal", "pktSentNAKTotal", "pktRecvNAKTotal",
            "usSndDurationTotal", "pktSndDropTotal", "pktRcvDropTotal", "pktRcvUndecryptTotal", "byteSentTotal",
            "byteRecvTotal", "byteRcvLossTotal", "byteRetransTotal", "byteSndDropTotal", "byteRcvDropTotal",
            "byteRcvUndecryptTotal", "pktSent", "pktRecv", "pktSndLoss", "pktRcvLoss", "pktRetrans", "pktRcvRetrans",
            "pktSentACK", "pktRecvACK", "pktSentNAK", "pktRecvNAK", "mbpsSendRate", "mbpsRecvRate", "usSndDuration",
            "pktReorderDistance", "pktRcvAvgBelatedTime", "pktRcvBelated", "pktSndDrop", "pktRcvDrop",
            "pktRcvUndecrypt", "byteSent", "byteRecv", "byteRcvLoss", "byteRetrans", "byteSndDrop", "byteRcvDrop",
            "byteRcvUndecrypt", "usPktSndPeriod", "pktFlowWindow", "pktCongestionWindow", "pktFlightSize", "msRTT",
            "mbpsBandwidth", "byteAvailSndBuf", "byteAvailRcvBuf", "mbpsMaxBW", "byteMSS", "pktSndBuf", "byteSndBuf",
            "msSndBuf", "msSndTsbPdDelay"})
    public static final class Stats extends Structure {
        /** More than the whole C struct (about 600 bytes in 1.5): libsrt writes all of it. */
        static final int C_SIZE_BOUND = 2048;

        public long msTimeStamp, pktSentTotal, pktRecvTotal;
        public int pktSndLossTotal, pktRcvLossTotal, pktRetransTotal, pktSentACKTotal, pktRecvACKTotal,
                pktSentNAKTotal, pktRecvNAKTotal;
        public long usSndDurationTotal;
        public int pktSndDropTotal, pktRcvDropTotal, pktRcvUndecryptTotal;
        public long byteSentTotal, byteRecvTotal, byteRcvLossTotal, byteRetransTotal, byteSndDropTotal,
                byteRcvDropTotal, byteRcvUndecryptTotal;
        public long pktSent, pktRecv;
        public int pktSndLoss, pktRcvLoss, pktRetrans, pktRcvRetrans, pktSentACK, pktRecvACK, pktSentNAK, pktRecvNAK;
        public double mbpsSendRate, mbpsRecvRate;
        public long usSndDuration;
        public int pktReorderDistance;
        public double pktRcvAvgBelatedTime;
        public long pktRcvBelated;
        public int pktSndDrop, pktRcvDrop, pktRcvUndecrypt;
        public long byteSent, byteRecv, byteRcvLoss, byteRetrans, byteSndDrop, byteRcvDrop, byteRcvUndecrypt;
        public double usPktSndPeriod;
        public int pktFlowWindow, pktCongestionWindow, pktFlightSize;
        public double msRTT, mbpsBandwidth;
        public int byteAvailSndBuf, byteAvailRcvBuf;
        public double mbpsMaxBW;
        public int byteMSS, pktSndBuf, byteSndBuf, msSndBuf, msSndTsbPdDelay;

        Stats(Pointer memory) { super(memory); }
    }

    /** An int option's value in native memory. */
    static Memory intValue(int value) {
        Memory m = new Memory(4);
        m.setInt(0, value);
        return m;
    }

    /** A 64-bit option's value (the bandwidth options are int64_t). */
    static Memory longValue(long value) {
        Memory m = new Memory(8);
        m.setLong(0, value);
        return m;
    }
}
