package dev.feedctl.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The faults a simulator run injects; at most one of each kind, the later one winning. */
public record Faults(List<Fault> all) {

    public static final Faults NONE = new Faults(List.of());

    public Faults {
        all = List.copyOf(all);
    }

    public <T extends Fault> Optional<T> find(Class<T> kind) {
        for (int i = all.size() - 1; i >= 0; i--) {
            if (kind.isInstance(all.get(i))) {
                return Optional.of(kind.cast(all.get(i)));
            }
        }
        return Optional.empty();
    }

    public boolean has(Class<? extends Fault> kind) {
        return find(kind).isPresent();
    }

    public Faults with(Fault fault) {
        List<Fault> next = new ArrayList<>(all);
        next.removeIf(f -> f.getClass() == fault.getClass());
        next.add(fault);
        return new Faults(next);
    }

    public Faults with(Faults more) {
        Faults out = this;
        for (Fault f : more.all) {
            out = out.with(f);
        }
        return out;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
