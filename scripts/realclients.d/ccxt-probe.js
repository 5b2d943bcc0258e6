// Starts ccxt's Coinbase (Advanced Trade) client against a REST base (feedctl sim), as a bot does at start-up:
// loadMarkets, then a ticker, an order book, candles and the server time. Prints one line per call, JSON.
// Usage: node ccxt-probe.js http://127.0.0.1:PORT
const ccxt = require('ccxt');

async function main() {
  const base = process.argv[2];
  const ex = new ccxt.coinbase({ enableRateLimit: false, timeout: 10000 });
  ex.urls['api']['rest'] = base;
  const out = (call, value) => console.log(JSON.stringify({ client: 'ccxt ' + ccxt.version, call, value }));
  const markets = await ex.loadMarkets();
  out('loadMarkets', { markets: Object.keys(markets).length, has_btc_usd: 'BTC/USD' in markets });
  const t = await ex.fetchTicker('BTC/USD');
  out('fetchTicker', { symbol: t.symbol, last: t.last, bid: t.bid, ask: t.ask });
  const ob = await ex.fetchOrderBook('BTC/USD', 5);
  out('fetchOrderBook', { bids: ob.bids.length, asks: ob.asks.length, best_bid: ob.bids[0] && ob.bids[0][0] });
  const candles = await ex.fetchOHLCV('BTC/USD', '1m', undefined, 5);
  out('fetchOHLCV', { candles: candles.length, last_close: candles.length ? candles[candles.length - 1][4] : null });
  const time = await ex.fetchTime();
  out('fetchTime', { ms: time });
}

main().catch((e) => { console.error('ccxt failed: ' + (e && e.message ? e.message : e)); process.exit(1); });
