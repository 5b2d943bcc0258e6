package dev.feedctl.cli;

import dev.feedctl.sim.Fault;
import dev.feedctl.sim.Faults;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code feedctl sim}'s fault options, one row each: the option, its value, its help line and the {@link Fault} the
 * value makes. A field, a help line and a mapping line per fault kept three lists in step by hand; here a new fault
 * is one row. The rows reach sim's model through picocli's programmatic API ({@link Rows}: picocli hands a mixin's
 * model transformer on to the command it is mixed into) and their values are read back from that model. They come
 * after sim's own options in the model: {@code --help} sorts options by name, so its text is what it was.
 */
@Command(modelTransformer = FaultOptions.Rows.class)
public final class FaultOptions {

    /** Makes an option's fault from its value (typed and already checked) and, when it needs them, sim's options. */
    private interface Maker extends BiFunction<Object, CommandSpec, Fault> {
    }

    /** One option; {@code fault} is null for a setting that only shapes another option's fault. */
    private record Row(String name, String label, Class<?> type, String defaultValue, String description,
                       Maker fault) {
    }

    /** In the order the faults are checked and listed ({@code sim -v}). */
    private static final List<Row> ROWS = List.of(
            count("--drop-every", "N", "Lose every Nth data frame.", Fault.DropFrames::new),
            count("--gap-every", "N", "Skip 2 sequence numbers every Nth frame.", n -> new Fault.SequenceGaps(n, 2)),
            after("--stall-data-after", "Stop data after D; heartbeats go on.", Fault.StallData::new),
            after("--stall-after", "Stop everything after D; the socket stays open.", Fault.StallAll::new),
            count("--malformed-every", "N", "Mangle every Nth data frame.", Fault.MalformedFrames::new),
            new Row("--close-after", "D", Duration.class, null, "Close after D with --close-code and --close-reason.",
                    (d, sim) -> new Fault.Close((Duration) d, sim.findOption("--close-code").<Integer>getValue(),
                            sim.findOption("--close-reason").<String>getValue())),
            // the labels picocli gave these two when they were annotated fields: the help text stays as it was
            new Row("--close-code", "<closeCode>", int.class, "1000", "Close code. Default: ${DEFAULT-VALUE}.", null),
            new Row("--close-reason", "<closeReason>", String.class, "", "Close reason.", null),
            after("--drop-connection-after", "Drop TCP after D without a close frame (client sees 1006).",
                    Fault.AbruptDrop::new),
            number("--refuse-upgrade", "STATUS", "Answer the upgrade with STATUS.", FaultOptions::refusal),
            count("--big-snapshot-mb", "MB", "Pad level2 snapshots to MB MiB.",
                    mb -> new Fault.BigSnapshot(mb * 1024 * 1024)),
            after("--ack-delay", "Ack late.", Fault.SlowAck::new),
            flag("--no-ack", "Never acknowledge subscribes.", Fault.NoAck::new),
            flag("--legacy", "Speak the legacy Exchange protocol.", Fault.LegacyExchange::new),
            count("--rest-429-every", "N", "REST 429 on every Nth request.", n -> new Fault.RestRateLimited(n, 1)),
            number("--rest-offset-bps", "BPS", "Shift REST prices by BPS.", Fault.RestPriceOffset::new),
            count("--rest-5xx-every", "N", "REST 503 on every Nth request.", n -> new Fault.RestServerError(n, 503)),
            product("--stale-product", "Product that goes silent after 1 s.", Fault.StaleProduct::new),
            product("--quiet-product", "Product that stops trading after 1 s.", Fault.QuietProduct::new),
            after("--clock-skew", "Exchange clock ahead by D.", Fault.ClockSkew::new),
            count("--drop-trades-every", "N", "Every Nth trade never reaches market_trades; no sequence gap.",
                    Fault.DropTrades::new),
            after("--book-drift-after", "Lose one level2 update after D; that book then rests.", Fault.BookDrift::new));

    @Spec(Spec.Target.MIXEE)
    CommandSpec sim;

    /** The faults the options name; a value no fault can use is exit 2. */
    Faults faults() {
        Faults f = Faults.NONE;
        for (Row row : ROWS) {
            Object value = sim.findOption(row.name()).getValue();
            if (row.fault() != null && value != null && !Boolean.FALSE.equals(value)) {
                f = f.with(row.fault().apply(value, sim));
            }
        }
        return f;
    }

    /** Adds every row to sim's model as an option of its own. */
    public static final class Rows implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec sim) {
            for (Row row : ROWS) {
                OptionSpec.Builder option = OptionSpec.builder(row.name()).type(row.type())
                        .description(row.description());
                if (row.label() != null) {
                    option.paramLabel(row.label());
                }
                if (row.defaultValue() != null) {
                    option.defaultValue(row.defaultValue());
                }
                if (row.type() == Duration.class) {
                    option.converters(new Durations());
                }
                sim.addOption(option.build());
            }
            return sim;
        }
    }

    /** Every Nth something: at least 1. */
    private static Row count(String name, String label, String description, IntFunction<Fault> fault) {
        return new Row(name, label, Integer.class, null, description, (n, sim) -> {
            if ((Integer) n < 1) {
                throw ExitException.usage(name + " must be at least 1, got " + n);
            }
            return fault.apply((Integer) n);
        });
    }

    /** Any whole number; the fault checks its own range. */
    private static Row number(String name, String label, String description, IntFunction<Fault> fault) {
        return new Row(name, label, Integer.class, null, description, (n, sim) -> fault.apply((Integer) n));
    }

    private static Row after(String name, String description, Function<Duration, Fault> fault) {
        return new Row(name, "D", Duration.class, null, description, (d, sim) -> fault.apply((Duration) d));
    }

    /** A product that changes after one second, as the help says. */
    private static Row product(String name, String description, BiFunction<String, Duration, Fault> fault) {
        return new Row(name, "ID", String.class, null, description,
                (id, sim) -> fault.apply((String) id, Duration.ofSeconds(1)));
    }

    private static Row flag(String name, String description, Supplier<Fault> fault) {
        return new Row(name, null, boolean.class, null, description, (on, sim) -> fault.get());
    }

    private static Fault refusal(int status) {
        if (status < 200 || status > 599) {
            throw ExitException.usage("--refuse-upgrade takes an HTTP status from 200 to 599");
        }
        return new Fault.RefuseUpgrade(status);
    }
}
