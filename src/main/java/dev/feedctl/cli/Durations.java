package dev.feedctl.cli;

import dev.feedctl.units.Figures;
import java.time.Duration;
import picocli.CommandLine;

/** Duration options ({@code 500ms}, {@code 10s}, {@code 2m}); the grammar is {@link Figures#parseDuration}'s. */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Figures.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
