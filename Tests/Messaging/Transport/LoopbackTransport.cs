using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Tests.Messaging.Transport;

/// <summary>A listener on 127.0.0.1 with a free port, plus helpers to connect well-behaved and raw clients to it.</summary>
internal sealed class LoopbackTransport : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly List<IAsyncDisposable> _clients = [];
    private readonly List<Socket> _rawSockets = [];

    public LoopbackTransport(TransportOptions? options = null, TestAcceptor? acceptor = null)
    {
        Options = options ?? new TransportOptions();
        Acceptor = acceptor ?? new TestAcceptor();
        Logs = new CapturingLoggerProvider();
        LoggerFactory = Logs.CreateFactory();
        Listener = new FrameListener(new IPEndPoint(IPAddress.Loopback, 0), Acceptor, Options, LoggerFactory);
        Listener.Start();
    }

    public TransportOptions Options { get; }

    public TestAcceptor Acceptor { get; }

    public CapturingLoggerProvider Logs { get; }

    public ILoggerFactory LoggerFactory { get; }

    public FrameListener Listener { get; }

    public IPEndPoint EndPoint => Listener.LocalEndPoint;

    /// <summary>Connects and sends <paramref name="handshake"/> as the first frame; waits until the server accepted it.</summary>
    public async Task<(FrameConnection Client, FrameSink ClientSink)> ConnectAsync(string handshake, FrameSink? clientSink = null)
    {
        clientSink ??= new FrameSink();
        var client = await FrameConnection.ConnectAsync(
            EndPoint, clientSink, Options, LoggerFactory.CreateLogger<FrameConnection>(), CancellationToken.None);
        _clients.Add(new AsyncDisposableAction(() => client.CloseAsync("test over", CancellationToken.None)));
        Assert.True(client.TrySend(Text.Bytes(handshake)));
        await Infrastructure.Eventually.AssertAsync(() => Acceptor.HasAccepted(handshake), Deadline, $"the server accepts '{handshake}'");
        return (client, clientSink);
    }

    /// <summary>A plain socket, for peers that break the protocol.</summary>
    public async Task<Socket> ConnectRawAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _rawSockets.Add(socket);
        await socket.ConnectAsync(EndPoint);
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (var socket in _rawSockets)
        {
            socket.Dispose();
        }

        await Listener.DisposeAsync();
        LoggerFactory.Dispose();
    }

    private sealed class AsyncDisposableAction(Func<Task> action) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await action();
    }
}
