// Child process of live-latency.bench.mjs: the floor. A plain socket.io server that reads
// frames from a TCP socket and emits each one straight to a room, with no parsing into
// domain events, no store, no projection, no coalescing. Same clients, same payload shape.
import http from 'node:http';
import net from 'node:net';
import { Server } from 'socket.io';

const { framePort } = JSON.parse(process.argv[2]);
const httpServer = http.createServer();
const ioServer = new Server(httpServer, { path: '/socket.io', serveClient: false });
ioServer.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    socket.join(room);
    socket.emit('snapshot', { room, seq: 0, state: {} });
    ack({ ok: true });
  });
});
let seq = 0;
const tcp = net.connect(framePort, '127.0.0.1');
let buffer = '';
tcp.on('data', (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    const [reason, queue, iface] = line.split('|');
    seq += 1;
    ioServer.to('supervisor').emit('patch', {
      room: 'supervisor',
      seq,
      patch: { queues: { [queue]: { members: [{ interface: iface, pausedReason: reason }] } } },
    });
  }
});
httpServer.listen(0, '127.0.0.1', () => process.send({ type: 'listening', port: httpServer.address().port }));
process.on('message', (message) => {
  if (message.type === 'memory') process.send({ type: 'memory', rss: process.memoryUsage().rss });
  if (message.type === 'close') {
    tcp.destroy();
    ioServer.close();
    setTimeout(() => process.exit(0), 100);
  }
});
