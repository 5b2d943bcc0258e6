package dev.feedctl.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether stdout is a terminal: the one place every command asks. It must hold on every JDK from 17: up to 21
 * {@link System#console()} is null unless stdin and stdout are both a terminal; from 22 it may return a console even
 * when the streams are redirected (JDK-8308591), and {@code Console.isTerminal()} (new in 22, called reflectively
 * because we compile for 17) says whether it really is one.
 */
final class Tty {

    private Tty() {
    }

    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        Method isTerminal;
        try {
            isTerminal = Console.class.getMethod("isTerminal");
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a console exists only on a terminal
        }
        try {
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // cannot tell: machine-readable output is the safe choice
        }
    }
}
