package dev.feedctl.exam;

import dev.feedctl.check.CheckResult;

/**
 * One lesson as data: its name, what must have happened before it can be given, the fault it arms, and how the
 * client's answer is graded. A new lesson is one more entry in {@link Lessons#ALL}.
 *
 * @param why one line for the help text and README: what Coinbase does, and the threshold's reason
 */
public record Lesson(String name, String why, Precondition precondition, Fault fault, Grading grading) {

    /** Waits (bounded) for the moment the lesson can start; null when it has come, else the SKIP reason. */
    @FunctionalInterface
    public interface Precondition {
        String await(ExamRun run) throws InterruptedException;

        Precondition NONE = run -> null;
    }

    /** Does to the client what the lesson is about, at the moment the precondition reached. */
    @FunctionalInterface
    public interface Fault {
        void arm(ExamRun run);

        Fault NONE = run -> {
        };
    }

    /** Watches what the client does after the fault (bounded by the lesson timeout) and grades it. */
    @FunctionalInterface
    public interface Grading {
        CheckResult grade(ExamRun run) throws InterruptedException;
    }
}
