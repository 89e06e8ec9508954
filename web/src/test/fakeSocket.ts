type Handler = (...args: unknown[]) => void;

// Just enough of a socket.io client socket to drive the connection's state machine.
export class FakeSocket {
  handlers = new Map<string, Set<Handler>>();
  managerHandlers = new Map<string, Set<Handler>>();
  emitted: Array<[string, unknown]> = [];
  connected = false;
  active = false;
  connectCalls = 0;
  io = {
    on: (e: string, h: Handler) => this.add(this.managerHandlers, e, h),
    off: (e?: string) => (e ? this.managerHandlers.delete(e) : this.managerHandlers.clear()),
  };

  private add(map: Map<string, Set<Handler>>, e: string, h: Handler) {
    if (!map.has(e)) map.set(e, new Set());
    map.get(e)!.add(h);
  }
  on(e: string, h: Handler) {
    this.add(this.handlers, e, h);
    return this;
  }
  off(e: string, h: Handler) {
    this.handlers.get(e)?.delete(h);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  emit(e: string, payload: unknown) {
    this.emitted.push([e, payload]);
    return this;
  }
  connect() {
    this.connectCalls++;
    this.active = true;
    return this;
  }
  disconnect() {
    this.active = false;
    this.connected = false;
    return this;
  }
  listenerCount(e: string) {
    return this.handlers.get(e)?.size ?? 0;
  }
  // what the server or the network does
  fire(e: string, ...args: unknown[]) {
    if (e === 'connect') this.connected = true;
    if (e === 'disconnect') this.connected = false;
    for (const h of [...(this.handlers.get(e) ?? [])]) h(...args);
  }
  fireManager(e: string, ...args: unknown[]) {
    for (const h of [...(this.managerHandlers.get(e) ?? [])]) h(...args);
  }
}

