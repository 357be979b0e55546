package io.castline.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.castline.engine.destination.Secrets;

/** Log messages with every known stream key masked: the last line of defence for secrets. */
public class MaskedMessageConverter extends MessageConverter {
    @Override public String convert(ILoggingEvent event) {
        return Secrets.mask(super.convert(event));
    }
}
