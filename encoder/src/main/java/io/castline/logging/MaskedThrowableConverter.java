package io.castline.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.castline.engine.destination.Secrets;

/** Stack traces with every known stream key masked (exception messages may quote URLs). */
public class MaskedThrowableConverter extends ThrowableProxyConverter {
    @Override public String convert(ILoggingEvent event) {
        return Secrets.mask(super.convert(event));
    }
}
