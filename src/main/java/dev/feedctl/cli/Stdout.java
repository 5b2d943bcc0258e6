package dev.feedctl.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The process's stdout as {@code Main} opens it: written through the file descriptor's channel, with 64 KiB between
 * the writer and the descriptor so streamed lines leave in a few large writes. {@link #abandon} closes the channel
 * under a write blocked on a reader that does not read: that write then either completed (and returns normally) or
 * wrote nothing (and fails), so {@link StreamPump} counts the lines not written exactly. (Interrupting the writer
 * instead would throw ClosedByInterruptException even after a write that completed.)
 */
public final class Stdout extends PrintWriter {

    private final FileChannel channel;

    private Stdout(FileChannel channel) {
        super(new OutputStreamWriter(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16),
                StandardCharsets.UTF_8), false);
        this.channel = channel;
    }

    public static Stdout open() {
        return new Stdout(new FileOutputStream(FileDescriptor.out).getChannel());
    }

    /** Closes stdout at once, without waiting for the writer's lock; a blocked write returns or fails first. */
    void abandon() {
        try {
            channel.close();
        } catch (IOException e) {
            // closed already, or the descriptor is gone: nothing more can be written either way
        }
    }
}
