// The npm `coinbase-api` WebsocketClient (Advanced Trade market data) as a throughput baseline for scripts/bench:
// it JSON-parses every frame and validates nothing. Subscribes to ticker on the given socket URL, counts the data
// frames it emits after `warmup` seconds for `measure` seconds, prints `frames=N seconds=S`. Loopback only.
const { WebsocketClient } = require('coinbase-api');

const [ws, warmup, measure] = process.argv.slice(2);
if (!ws || !/^wss?:\/\/(127\.0\.0\.1|\[::1\]|localhost)(:|\/|$)/.test(ws)) {
  console.error('coinbase-api-count: a loopback ws:// URL is required');
  process.exit(2);
}
const quiet = { trace() {}, info() {}, error() {} };
const client = new WebsocketClient({ wsUrl: ws }, quiet);
let frames = 0;
let counting = false;
client.on('update', () => {
  if (counting) {
    frames++;
  }
});
client.on('exception', (e) => {
  console.error('coinbase-api-count: exception', JSON.stringify(e).slice(0, 300));
});
client.subscribe({ topic: 'ticker', payload: { product_ids: ['BTC-USD'] } }, 'advTradeMarketData');
setTimeout(() => {
  counting = true;
  const t0 = process.hrtime.bigint();
  setTimeout(() => {
    counting = false;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`frames=${frames} seconds=${seconds.toFixed(3)}`);
    process.exit(frames > 0 ? 0 : 1);
  }, Number(measure) * 1000);
}, Number(warmup) * 1000);
