package io.castline.engine.tls;

import io.castline.engine.ffmpeg.AvException;

/**
 * The server's certificate is not trusted for this destination (or the trust setting itself is
 * unusable), so nothing was sent. Permanent: trying again cannot help until the trust changes,
 * so an output fails instead of reconnecting; an explicit retry reads the trust again.
 */
public final class CertificateRefusedException extends AvException {
    public CertificateRefusedException(String message) {
        super(message);
    }
}
