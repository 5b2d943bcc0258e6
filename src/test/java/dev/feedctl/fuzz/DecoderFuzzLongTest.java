package dev.feedctl.fuzz;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/** The same property as {@link DecoderFuzzTest}, 100,000 cases: {@code scripts/hostile} runs it (tag {@code fuzz}). */
@Tag("fuzz")
class DecoderFuzzLongTest {

    @Property(tries = 100_000)
    void everyFrameIsJudgedWithoutAnExceptionAndItsOutputIsSafe(@ForAll("frames") String frame) {
        DecoderFuzzTest.check(frame);
    }

    @Provide
    Arbitrary<String> frames() {
        return FrameMutations.frames();
    }
}
