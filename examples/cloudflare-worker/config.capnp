# workerd config of the example: the Worker, its two Durable Object classes
# on local disk, and workerd's own Cron Trigger scheduler (/workerd/cron.js)
# firing the Worker's scheduled() every minute. test.mjs overrides the socket
# addresses (-s) and the disk directory (-d).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .mainWorker),
    (name = "cron", worker = .cronWorker),
    (name = "disk", disk = (path = "/tmp/tickwork-edge-do", writable = true)),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:8787", http = (), service = "main"),
    (name = "cron", address = "127.0.0.1:8788", http = (), service = "cron"),
  ],
);

const mainWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "dist/worker.js")],
  compatibilityDate = "2025-09-01",
  durableObjectNamespaces = [
    (className = "TickState", uniqueKey = "tickwork-example-state"),
    (className = "Ticker", uniqueKey = "tickwork-example-ticker"),
  ],
  durableObjectStorage = (localDisk = "disk"),
  bindings = [
    (name = "STATE", durableObjectNamespace = "TickState"),
    (name = "TICKER", durableObjectNamespace = "Ticker"),
  ],
);

const cronWorker :Workerd.Worker = (
  modules = [(name = "cron.js", bundled = "/workerd/cron.js")],
  compatibilityDate = "2025-09-01",
  compatibilityFlags = ["service_binding_extra_handlers"],
  durableObjectNamespaces = [(className = "Schedule", uniqueKey = "tickwork-example-cron", enableSql = true)],
  durableObjectStorage = (localDisk = "disk"),
  bindings = [
    (name = "SCHEDULE", durableObjectNamespace = "Schedule"),
    (name = "CRONS", json = "{\"MAIN\": [\"* * * * *\"]}"),
    (name = "MAIN", service = "main"),
    (name = "TEST_CLOCK", json = "true"),
  ],
);
