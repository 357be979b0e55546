package io.castline.engine.uplink;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing {@code ss -tinpH state established} as iproute2 6.x prints it: a socket line, then a tab-indented details line. */
class SsTcpStatsReaderTest {

    private static final long PID = 12240;

    private static final List<String> OUTPUT = List.of(
            // ours, IPv4, with bytes_retrans
            "0      0               127.0.0.1:59662          127.0.0.1:1935 users:((\"java\",pid=12240,fd=4))",
            "\t bbr wscale:10,10 rto:204 rtt:0.026/0.012 mss:47616 pmtu:65535 rcvmss:536 advmss:65483 cwnd:10 "
                    + "bytes_sent:100000 bytes_acked:90001 bytes_retrans:500 segs_out:6 segs_in:3 data_segs_out:4 "
                    + "bbr:(bw:21162654048bps,mrtt:0.018,pacing_gain:2.88672,cwnd_gain:2.88672) send 1010802123bps "
                    + "lastsnd:200 lastrcv:208 lastack:164 pacing_rate 233922295016bps delivery_rate 40097684208bps "
                    + "delivered:5 busy:44ms retrans:0/1 dsack_dups:1 rcv_space:65495 rcv_ssthresh:65495 "
                    + "minrtt:0.018 snd_wnd:28672          ",
            // nginx's end of the same connection: another pid, must be ignored
            "0      36698           127.0.0.1:1935           127.0.0.1:59662 users:((\"nginx\",pid=29994,fd=8))",
            "\t bbr wscale:10,10 rto:204 rtt:0.716/1.278 ato:60 mss:65483 cwnd:22 bytes_sent:75285465 "
                    + "bytes_acked:75281368 bytes_received:3660 bytes_retrans:99999 delivery_rate 523864000000bps",
            // ours, IPv6-mapped, no bytes_retrans (ss leaves zero counters out): retrans from sent − acked − queue
            "0      12000           [::ffff:127.0.0.1]:59670 [::ffff:127.0.0.1]:1936 users:((\"java\",pid=12240,fd=5))",
            "\t cubic wscale:7,7 rto:208 rtt:5.276/10.504 ato:40 mss:32768 cwnd:14 ssthresh:8 bytes_sent:200000 "
                    + "bytes_acked:150000 bytes_received:3482 segs_out:49112 data_segs_out:49106 send 31685322581bps "
                    + "lastsnd:4 pacing_rate 259312680000bps delivery_rate 6716205128bps delivered:49107 app_limited "
                    + "busy:972ms minrtt:0.001 snd_wnd:217088",
            // ours, the SYN makes bytes_acked one more than bytes_sent: never a negative retransmission
            "0      0               127.0.0.1:59680          10.1.2.3:1935 users:((\"java\",pid=12240,fd=6))",
            "\t bbr wscale:10,10 rto:216 rtt:14.714/16.692 ato:40 mss:42496 cwnd:18 bytes_sent:3660 bytes_acked:3661 "
                    + "bytes_received:75285465 delivery_rate 56661333328bps delivered:66 app_limited",
            // ours, nothing sent yet: every counter absent
            "100000 0               [::ffff:127.0.0.1]:59690 [::ffff:127.0.0.1]:1937 users:((\"java\",pid=12240,fd=7))",
            "\t bbr wscale:10,10 rto:208 rtt:0.018/0.009 ato:80 mss:32768 cwnd:10 bytes_received:100000 segs_out:2 "
                    + "segs_in:6 data_segs_in:4 send 145635555556bps lastsnd:208 pacing_rate 416204775192bps delivered:1",
            // another process of the same user whose pid starts with ours
            "0      0               127.0.0.1:59700          127.0.0.1:1935 users:((\"java\",pid=122401,fd=4))",
            "\t bbr rtt:1.0/0.5 bytes_sent:1 bytes_acked:1");

    @Test
    void keepsOnlyThisProcessesConnectionsByLocalPort() {
        Map<Integer, TcpInfo> sockets = SsTcpStatsReader.parse(OUTPUT, PID);
        assertThat(sockets).containsOnlyKeys(59662, 59670, 59680, 59690);
    }

    @Test
    void readsTheCountersOfTheDetailsLine() {
        TcpInfo t = SsTcpStatsReader.parse(OUTPUT, PID).get(59662);
        assertThat(t).isEqualTo(new TcpInfo("127.0.0.1:59662", "127.0.0.1:1935", 59662, 0.026, 100_000, 90_001, 500,
                40_097_684_208L, 0));
    }

    @Test
    void withoutBytesRetransTheRetransmissionsAreSentMinusAckedMinusQueued() {
        TcpInfo t = SsTcpStatsReader.parse(OUTPUT, PID).get(59670);
        assertThat(t.peer()).isEqualTo("127.0.0.1:1936");
        assertThat(t.localPort()).isEqualTo(59670);
        assertThat(t.sendQueueBytes()).isEqualTo(12_000);
        assertThat(t.bytesSent()).isEqualTo(200_000);
        assertThat(t.bytesAcked()).isEqualTo(150_000);
        assertThat(t.bytesRetrans()).isEqualTo(38_000); // 200,000 − 150,000 − 12,000
        assertThat(t.rttMillis()).isEqualTo(5.276);
        assertThat(t.deliveryRateBps()).isEqualTo(6_716_205_128L);
    }

    @Test
    void theRetransmissionFallbackIsNeverNegative() {
        TcpInfo t = SsTcpStatsReader.parse(OUTPUT, PID).get(59680);
        assertThat(t.bytesSent()).isEqualTo(3660);
        assertThat(t.bytesAcked()).isEqualTo(3661);
        assertThat(t.bytesRetrans()).isZero();
        assertThat(t.peer()).isEqualTo("10.1.2.3:1935");
        assertThat(t.rttMillis()).isEqualTo(14.714);
    }

    @Test
    void absentCountersAreMinusOne() {
        TcpInfo t = SsTcpStatsReader.parse(OUTPUT, PID).get(59690);
        assertThat(t.bytesSent()).isEqualTo(-1);
        assertThat(t.bytesAcked()).isEqualTo(-1);
        assertThat(t.bytesRetrans()).isZero();
        assertThat(t.deliveryRateBps()).isEqualTo(-1);
        assertThat(t.rttMillis()).isEqualTo(0.018);
        assertThat(t.sendQueueBytes()).isZero();
        assertThat(t.peer()).isEqualTo("127.0.0.1:1937");
    }

    @Test
    void aSocketLineWithoutDetailsHasUnknownFigures() {
        List<String> lines = List.of(
                "0      0      127.0.0.1:50001 127.0.0.1:1935 users:((\"java\",pid=12240,fd=4))",
                "0      0      127.0.0.1:50002 127.0.0.1:1935 users:((\"java\",pid=12240,fd=5))",
                "\t bbr rtt:2.5/1.0 bytes_sent:10 bytes_acked:10 delivery_rate 1000bps");
        Map<Integer, TcpInfo> sockets = SsTcpStatsReader.parse(lines, PID);
        assertThat(sockets.get(50001)).isEqualTo(new TcpInfo("127.0.0.1:50001", "127.0.0.1:1935", 50001, -1, -1, -1, 0, -1, 0));
        assertThat(sockets.get(50002).rttMillis()).isEqualTo(2.5);
        assertThat(sockets.get(50002).deliveryRateBps()).isEqualTo(1000);
    }

    @Test
    void linesThatAreNotSocketsAreIgnored() {
        List<String> lines = List.of("", "Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
                "0      0      127.0.0.1:50003 127.0.0.1:1935", // no process column (not ours to see)
                "\t bbr rtt:2.5/1.0 bytes_sent:10");
        assertThat(SsTcpStatsReader.parse(lines, PID)).isEmpty();
        assertThat(SsTcpStatsReader.parse(List.of(), PID)).isEmpty();
    }

    @Test
    void normaliseUnwrapsIpv4MappedAddresses() {
        assertThat(SsTcpStatsReader.normalise("[::ffff:127.0.0.1]:1935")).isEqualTo("127.0.0.1:1935");
        assertThat(SsTcpStatsReader.normalise("[::ffff:10.1.2.3]:443")).isEqualTo("10.1.2.3:443");
        assertThat(SsTcpStatsReader.normalise("127.0.0.1:1935")).isEqualTo("127.0.0.1:1935");
    }

    /**
     * TcpConnectionLocator finds an output's socket by comparing {@code peer()} with
     * {@code InetAddress.getHostAddress() + ":" + port}; for an IPv6 ingest that is the full form
     * ("0:0:0:0:0:0:0:1"), while ss prints the compressed one in brackets ("[::1]").
     */
    @Test
    void normaliseWritesIpv6PeersAsTheLocatorDoes() throws Exception {
        for (String host : List.of("::1", "2001:db8::1")) {
            String expected = InetAddress.getByName(host).getHostAddress() + ":1935";
            assertThat(SsTcpStatsReader.normalise("[" + host + "]:1935")).as(host).isEqualTo(expected);
        }
    }
}
