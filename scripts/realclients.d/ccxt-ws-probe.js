// ccxt pro's Coinbase Advanced Trade socket client against a socket URL (feedctl sim): watchTicker a few times.
// Usage: node ccxt-ws-probe.js ws://127.0.0.1:PORT http://127.0.0.1:PORT
const ccxt = require('ccxt');

async function main() {
  const [ws, rest] = process.argv.slice(2);
  const ex = new ccxt.pro.coinbase({ timeout: 10000 });
  ex.urls['api']['rest'] = rest;
  ex.urls['api']['ws'] = ws;
  await ex.loadHttpProxyAgent(); // ccxt asks for it before any plain ws:// URL (loopback simulator)
  const seen = [];
  for (let i = 0; i < 3; i++) {
    const t = await ex.watchTicker('BTC/USD');
    seen.push(t.last);
  }
  console.log(JSON.stringify({ client: 'ccxt.pro ' + ccxt.version, call: 'watchTicker x3', value: { last: seen } }));
  await ex.close();
}

main().catch((e) => { console.error('ccxt.pro failed: ' + (e && e.message ? e.message : e)); process.exit(1); });
