package dev.feedctl.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * A connected (and, for wss, already TLS-handshaken) socket handed to Java-WebSocket, so feedctl times TCP and TLS
 * itself and sees the raw response through a {@link WireHeaders}. Delegates exactly what Java-WebSocket 1.6's
 * {@code WebSocketClient} calls on a socket it was given (streams, state, the three options it sets, close, the two
 * addresses, as {@code javap -c} lists them); nothing else is ever called on this socket.
 */
final class ObservedSocket extends Socket {

    private final Socket inner;
    private final WireHeaders meter;
    private InputStream in;

    ObservedSocket(Socket inner, WireHeaders meter) {
        this.inner = inner;
        this.meter = meter;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new FilterInputStream(inner.getInputStream()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        meter.observe(b, off, n);
                        if (meter.overLimit() > 0) { // stop reading: the message would only grow
                            throw new IOException("message over the limit: " + meter.overLimit() + " bytes so far");
                        }
                    }
                    return n;
                }

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }
            };
        }
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return inner.getOutputStream();
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        inner.connect(endpoint, timeout);
    }

    @Override
    public boolean isConnected() {
        return inner.isConnected();
    }

    @Override
    public boolean isClosed() {
        return inner.isClosed();
    }

    @Override
    public synchronized void close() throws IOException {
        inner.close();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        inner.setTcpNoDelay(on);
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        inner.setReuseAddress(on);
    }

    @Override
    public synchronized void setReceiveBufferSize(int size) throws SocketException {
        inner.setReceiveBufferSize(size);
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return inner.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return inner.getLocalSocketAddress();
    }
}
