package io.castline.cli;

import io.castline.engine.destination.Destination;
import io.castline.engine.destination.TlsTrust;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.tls.CaFiles;

import java.nio.file.Path;

/**
 * The trust options of an {@code rtmps://} or {@code whips://} destination: a CA file ({@code --primary-ca FILE},
 * profile {@code primary_ca}) or a pinned certificate ({@code --primary-fingerprint SHA256},
 * profile {@code primary_fingerprint}); {@code bandwidth-test} has {@code --ca} and
 * {@code --fingerprint} for all its URLs. Checked before going live, each problem naming its option.
 */
final class Trust {
    private Trust() {}

    /** The names of one destination's two options, without the dashes ("primary-ca", "primary-fingerprint"). */
    record Options(String ca, String fingerprint, String destinationOption) {
        static Options of(String destination) {
            return new Options(destination + "-ca", destination + "-fingerprint", destination);
        }
    }

    /**
     * {@code destination} trusting what the options say; as it is when neither is given.
     *
     * @param destination null when its URL was not given (an option for it is then an error)
     */
    static Destination apply(Destination destination, Options options, String caFile, String fingerprint) {
        if (caFile == null && fingerprint == null) return destination;
        String option = caFile != null ? options.ca() : options.fingerprint();
        if (destination == null) throw new InvalidSettingsException(option, "needs --" + options.destinationOption());
        if (caFile != null && fingerprint != null) {
            throw new InvalidSettingsException(options.ca(), "give --" + options.ca() + " or --" + options.fingerprint() + ", not both");
        }
        if (!destination.tls()) {
            throw new InvalidSettingsException(option, "only an rtmps:// or whips:// destination has a certificate to trust ("
                    + destination.name() + " is " + destination.maskedUrl() + ")");
        }
        if (caFile != null) {
            String problem = CaFiles.problem(Path.of(caFile));
            if (problem != null) throw new InvalidSettingsException(option, problem);
            return destination.withTrust(TlsTrust.caFile(Path.of(caFile).toAbsolutePath()));
        }
        try {
            return destination.withTrust(TlsTrust.fingerprint(fingerprint));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(option, e.getMessage());
        }
    }
}
