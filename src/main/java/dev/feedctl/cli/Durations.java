package dev.feedctl.cli;

import dev.feedctl.units.Notation;
import java.time.Duration;
import picocli.CommandLine;

/** Duration options ({@code 500ms}, {@code 10s}, {@code 2m}); the grammar is {@link Notation#parseDuration}'s. */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Notation.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
