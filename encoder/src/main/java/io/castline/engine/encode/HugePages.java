package io.castline.engine.encode;

import com.sun.jna.Function;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns transparent huge pages off for this process before the first encoder opens.
 *
 * <p>x264 asks the kernel for 2 MB pages for every picture it allocates ({@code madvise(MADV_HUGEPAGE)}
 * on each buffer of 1.75 MB or more, its buffers rounded up to whole huge pages). A huge page is
 * resident whole from the first byte written to it, so every picture and every plane x264 keeps
 * carries up to 2 MB it never uses. With them off, bare FFmpeg encoding 1080p30 the way Castline
 * does peaked at 244 MB instead of 257 MB, at the same speed and CPU time, interleaved three times
 * (docs/performance.md, "Memory"): the speed-up huge pages buy in motion search did not show at
 * these sizes, the memory did. The switch ({@code prctl(PR_SET_THP_DISABLE)}) is the process's, so
 * it is made once, here, for x264 and anything else in the process that would ask; Linux only.
 */
final class HugePages {
    private static final Logger log = LoggerFactory.getLogger(HugePages.class);
    private static final int PR_SET_THP_DISABLE = 41;
    private static final int PR_GET_THP_DISABLE = 42;
    private static volatile boolean done;

    private HugePages() {}

    /** Idempotent; a kernel that refuses leaves the process as it was, with a line in the log. */
    static void turnOffForThisProcess() {
        if (done || !Platform.isLinux()) return;
        synchronized (HugePages.class) {
            if (done) return;
            done = true;
            try {
                int rc = prctl().invokeInt(new Object[] {PR_SET_THP_DISABLE, 1L, 0L, 0L, 0L});
                if (rc != 0) log.info("transparent huge pages stay on: the kernel refused to turn them off");
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                log.info("transparent huge pages stay on: {}", e.toString());
            }
        }
    }

    /** Whether they are off for this process (for tests and diagnostics). */
    static boolean offForThisProcess() {
        if (!Platform.isLinux()) return false;
        return prctl().invokeInt(new Object[] {PR_GET_THP_DISABLE, 0L, 0L, 0L, 0L}) == 1;
    }

    private static Function prctl() {
        return Function.getFunction("c", "prctl");
    }
}
