// A price cache built on ccxt.pro's Coinbase Advanced Trade socket client, the way its docs show it: watchTicker in a
// loop, forever. For `feedctl exam`: node ccxt-exam-client.js {ws} {rest}
const ccxt = require('ccxt');

async function main() {
  const [ws, rest] = process.argv.slice(2);
  const ex = new ccxt.pro.coinbase({ timeout: 10000 });
  ex.urls['api']['rest'] = rest;
  ex.urls['api']['ws'] = ws;
  await ex.loadHttpProxyAgent(); // ccxt asks for it before any plain ws:// URL (loopback simulator)
  for (;;) {
    try {
      const t = await ex.watchTicker('BTC/USD');
      console.log(JSON.stringify({ at: new Date().toISOString(), last: t.last }));
    } catch (e) {
      // what ccxt's examples do: report and call watch* again, which reconnects
      console.error('watchTicker: ' + (e && e.constructor ? e.constructor.name : '') + ' ' + (e && e.message ? e.message : e));
    }
  }
}

main().catch((e) => { console.error('ccxt.pro failed: ' + (e && e.message ? e.message : e)); process.exit(1); });
