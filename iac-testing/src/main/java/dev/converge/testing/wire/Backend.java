package dev.converge.testing.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Where a {@link FaultProxy} forwards to: a TCP address, with or without TLS, or a Unix socket. */
interface Backend {

    /** One open connection to the backend. */
    record Link(InputStream in, OutputStream out, Closeable closer) implements Closeable {
        @Override
        public void close() {
            try {
                closer.close();
            } catch (IOException e) {
                // closing: nothing left to do
            }
        }
    }

    Link open() throws IOException;

    static Backend tcp(String host, int port, SSLContext tls) {
        return () -> {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setTcpNoDelay(true);
            Socket stream = socket;
            if (tls != null) {
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
                secure.setUseClientMode(true);
                secure.startHandshake();
                stream = secure;
            }
            return new Link(new BufferedInputStream(stream.getInputStream()),
                    new BufferedOutputStream(stream.getOutputStream()), stream);
        };
    }

    static Backend unix(Path socket) {
        return () -> {
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            return new Link(new BufferedInputStream(Channels.newInputStream(channel)),
                    new BufferedOutputStream(Channels.newOutputStream(channel)), channel);
        };
    }
}
