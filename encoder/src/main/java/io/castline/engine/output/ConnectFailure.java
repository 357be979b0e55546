package io.castline.engine.output;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why a connection could not be opened, and whether trying again later can help when it happens
 * at the start. Most refusals at the start are permanent (a wrong host, port or application, a
 * denied key: retrying does not fix them, as in OBS). One is not: an ingest that says the stream
 * key <em>is already publishing</em> still holds an earlier session of the same key (the old
 * connection after a network switch, or a bandwidth test that just ended) and frees it when that
 * connection drains or times out.
 *
 * <p>What each looks like, from FFmpeg's log and error code:
 * <ul>
 *   <li>nginx-rtmp "already publishing": the publish is answered {@code onStatus} level error,
 *       FFmpeg logs "rtmp: Server error: Already publishing" and fails with EPERM. Adobe-style
 *       servers answer code {@code NetStream.Publish.BadName}.</li>
 *   <li>nginx-rtmp {@code deny publish}: the publish is accepted, the connection dropped at the
 *       first media packet (a broken pipe within the first second; see {@link Output}).</li>
 *   <li>nginx-rtmp unknown application: the connection is closed during the RTMP connect;
 *       FFmpeg logs nothing and fails with EIO ("Input/output error").</li>
 *   <li>Other servers' refusals: "rtmp: Server error: …" with their own words.</li>
 * </ul>
 *
 * @param retryable at the start: retry with backoff instead of failing for good
 */
record ConnectFailure(String reason, boolean retryable) {

    static final String ALREADY_PUBLISHING =
            "the ingest says this stream key is already publishing (an earlier session may still be open)";

    // not "already in use": that is also how a local EADDRINUSE reads
    private static final Pattern BUSY = Pattern.compile("already publishing|publish\\.badname|already (being )?published");

    /** A failure of FFmpeg's open, described by its message (keys already masked). */
    static ConnectFailure fromFfmpeg(String message) {
        if (message != null && BUSY.matcher(message.toLowerCase(Locale.ROOT)).find()) {
            return new ConnectFailure(ALREADY_PUBLISHING, true);
        }
        return new ConnectFailure(message, false);
    }

    static ConnectFailure permanent(String reason) {
        return new ConnectFailure(reason, false);
    }
}
