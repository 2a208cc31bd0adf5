#!/usr/bin/env node
// LoyaltyGrid POS session from Node.js: proves a non-.NET gRPC client can use the API using nothing
// but the .proto in the repository. Every answer is checked; exit code 0 when all checks pass, 1 otherwise.
//
// Usage: LOYALTYGRID_API_KEY=<admin key> node pos.js [address]   (default 127.0.0.1:5000, plaintext HTTP/2)
// The admin key creates the program and a terminal key; the session then runs as that terminal.
'use strict';

const path = require('node:path');
const crypto = require('node:crypto');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const ADDRESS = process.argv[2] || '127.0.0.1:5000';
const ADMIN_KEY = process.env.LOYALTYGRID_API_KEY || '';
const CALL_TIMEOUT_MS = 10_000;
const PROTO_ROOT = path.join(__dirname, '..', '..', 'protos');
const PROTO_FILE = path.join(PROTO_ROOT, 'loyaltygrid', 'v1', 'loyalty.proto');

// ------------------------------------------------------------------------------------------ loading

// keepCase: field names exactly as in the .proto (snake_case).
// longs: String: int64 arrives as a decimal string; we compare it as BigInt, never as a lossy Number.
// google/protobuf/{timestamp,duration}.proto are not in protos/: proto-loader resolves them from the
// well-known types bundled with protobufjs.
const packageDefinition = protoLoader.loadSync(PROTO_FILE, {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
});
for (const wkt of ['google.protobuf.Timestamp', 'google.protobuf.Duration']) {
  if (!packageDefinition[wkt]) {
    fail(`proto-loader did not load the well-known type ${wkt}`);
  }
}
const v1 = grpc.loadPackageDefinition(packageDefinition).loyaltygrid.v1;

// ------------------------------------------------------------------------------------------ helpers

class CheckFailed extends Error {}

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

/** Compares an int64 (string from proto-loader, or number/bigint) with an expected value, exactly. */
function checkInt(actual, expected, what) {
  check(actual !== undefined && actual !== null, `${what}: missing (expected ${expected})`);
  const a = BigInt(actual);
  const e = BigInt(expected);
  check(a === e, `${what}: expected ${e}, got ${a}`);
}

function checkBalance(balance, expected, what) {
  check(balance, `${what}: balance missing`);
  for (const [field, value] of Object.entries(expected)) {
    checkInt(balance[field], value, `${what}: balance.${field}`);
  }
}

function fmtBalance(b) {
  return `available=${b.available} pending=${b.pending} held=${b.held} ` +
    `earned=${b.lifetime_earned} redeemed=${b.lifetime_redeemed} reversed=${b.lifetime_reversed}`;
}

/** google.protobuf.Timestamp/Duration as received ({seconds: "123", nanos: 0}) to milliseconds. */
function toMillis(t) {
  return Number(BigInt(t.seconds) * 1000n) + Math.floor((t.nanos || 0) / 1e6);
}

function step(name, text) {
  console.log(`${name.padEnd(22)} ${text}`);
}

// The API key each client sends as `authorization: Bearer <key>`; set per client object.
const keys = new WeakMap();

function call(client, method, request) {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${keys.get(client) || ADMIN_KEY}`);
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: Date.now() + CALL_TIMEOUT_MS }, (err, response) =>
      (err ? reject(err) : resolve(response)));
  });
}

/** Runs a call that must be refused with `code`; returns the decoded google.rpc.Status details. */
async function callExpectingError(client, method, request, code) {
  let response;
  try {
    response = await call(client, method, request);
  } catch (err) {
    const codeName = grpc.status[err.code] ?? String(err.code);
    check(err.code === code,
      `${method}: expected ${grpc.status[code]} (${code}), got ${codeName} (${err.code}): ${err.details}`);
    return { err, codeName, ...decodeStatusDetails(err.metadata) };
  }
  throw new CheckFailed(`${method}: expected ${grpc.status[code]} (${code}), but the call succeeded: ` +
    JSON.stringify(response));
}

// ------------------------------------------------- google.rpc.Status details (grpc-status-details-bin)
// A tiny protobuf wire reader, so the sample needs no extra .proto files for google.rpc.

function readFields(buf) {
  const fields = [];
  let pos = 0;
  const varint = () => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = buf[pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const number = key >>> 3;
    const wire = key & 7;
    if (wire === 0) fields.push({ number, value: varint() });
    else if (wire === 2) {
      const len = Number(varint());
      fields.push({ number, value: buf.subarray(pos, pos + len) });
      pos += len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return fields;
}

const str = (fields, n) => {
  const f = fields.find((x) => x.number === n);
  return f ? Buffer.from(f.value).toString('utf8') : '';
};

function decodeStatusDetails(metadata) {
  const out = { errorInfo: null, violations: [] };
  const raw = metadata && metadata.get('grpc-status-details-bin')[0];
  if (!raw) return out;
  for (const any of readFields(raw).filter((f) => f.number === 3)) { // Status.details (Any)
    const anyFields = readFields(any.value);
    const typeUrl = str(anyFields, 1);
    const value = anyFields.find((f) => f.number === 2)?.value ?? Buffer.alloc(0);
    const inner = readFields(value);
    if (typeUrl.endsWith('/google.rpc.ErrorInfo')) {
      out.errorInfo = { reason: str(inner, 1), domain: str(inner, 2) };
    } else if (typeUrl.endsWith('/google.rpc.BadRequest')) {
      for (const v of inner.filter((f) => f.number === 1)) {
        const vf = readFields(v.value);
        out.violations.push({ field: str(vf, 1), description: str(vf, 2) });
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------ session

async function session(clients) {
  const { programs, members, checkout } = clients;
  const suffix = `${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
  const programId = `node-pos-${suffix}`;
  const memberId = `node-member-${suffix}`;
  const rid = (name) => `node-${suffix}-${name}`;
  const where = { merchant_id: 'node-merchant', store_id: 'store-1', terminal_id: 'lane-3' };
  const RATE = 10n; // points per 1.00 EUR
  const HOLD_TTL_SECONDS = 600n;

  console.log(`LoyaltyGrid POS session against ${ADDRESS}  (ids end in ${suffix})`);
  console.log('');

  // -- CreateProgram
  const created = await call(programs, 'CreateProgram', {
    request_id: rid('create-program'),
    program_id: programId,
    name: 'Node.js sample program',
    currency: 'EUR',
    points_per_currency_unit: String(RATE),
    hold_ttl: { seconds: String(HOLD_TTL_SECONDS), nanos: 0 },
  });
  const program = created.program;
  check(program, 'CreateProgram: no program in the response');
  check(program.program_id === programId, `CreateProgram: program_id ${program.program_id}, expected ${programId}`);
  check(program.currency === 'EUR', `CreateProgram: currency ${program.currency}, expected EUR`);
  checkInt(program.points_per_currency_unit, RATE, 'CreateProgram: points_per_currency_unit');
  check(program.hold_ttl, 'CreateProgram: hold_ttl missing');
  checkInt(program.hold_ttl.seconds, HOLD_TTL_SECONDS, 'CreateProgram: hold_ttl.seconds');
  check(program.offline_window, 'CreateProgram: offline_window missing');
  checkInt(program.offline_window.seconds, 7n * 24n * 3600n, 'CreateProgram: default offline_window.seconds');
  check(program.allow_negative_balance === true, 'CreateProgram: allow_negative_balance should default to true');
  check(program.created_at && Math.abs(toMillis(program.created_at) - Date.now()) < 120_000,
    `CreateProgram: created_at ${JSON.stringify(program.created_at)} is not close to now`);
  step('CreateProgram', `${program.program_id}: ${program.currency}, ${program.points_per_currency_unit} points/EUR, ` +
    `hold_ttl=${program.hold_ttl.seconds}s, offline_window=${program.offline_window.seconds}s, ` +
    `created_at=${new Date(toMillis(program.created_at)).toISOString()}`);

  // -- IssueApiKey: from here on the session is this store's terminal, as a real POS would be.
  const issued = await call(clients.access, 'IssueApiKey', {
    request_id: rid('terminal-key'),
    name: 'node sample lane 3',
    role: 'API_ROLE_TERMINAL',
    program_id: programId,
    merchant_id: where.merchant_id,
    store_id: where.store_id,
  });
  check(issued.api_key && issued.key.key_id, 'IssueApiKey: no key in the response');
  check(issued.key.role === 'API_ROLE_TERMINAL', `IssueApiKey: role ${issued.key.role}`);
  keys.set(members, issued.api_key);
  keys.set(checkout, issued.api_key);
  const denied = await callExpectingError(checkout, 'RecordPurchase', {
    request_id: rid('other-store'), program_id: programId, member_id: memberId, ...where, store_id: 'store-2',
    currency: 'EUR', lines: [{ sku: 'SKU-X', quantity: '1', unit_price_minor: '100' }],
  }, grpc.status.PERMISSION_DENIED);
  check(denied.errorInfo && denied.errorInfo.reason === 'OUTSIDE_KEY_SCOPE',
    `RecordPurchase at another store: reason ${denied.errorInfo && denied.errorInfo.reason}, expected OUTSIDE_KEY_SCOPE`);
  step('IssueApiKey', `terminal key ${issued.key.key_id} for ${where.merchant_id}/${where.store_id}; another store is PERMISSION_DENIED`);

  // -- EnrollMember
  const enrolled = await call(members, 'EnrollMember', {
    request_id: rid('enroll'),
    program_id: programId,
    member_id: memberId,
    card_alias: `CARD-${suffix}`,
  });
  const member = enrolled.member;
  check(member && member.member_id === memberId, `EnrollMember: member_id ${member && member.member_id}, expected ${memberId}`);
  check(member.program_id === programId, `EnrollMember: program_id ${member.program_id}, expected ${programId}`);
  check(member.card_alias === `CARD-${suffix}`, `EnrollMember: card_alias ${member.card_alias}`);
  check(member.enrolled_at, 'EnrollMember: enrolled_at missing');
  checkBalance(member.balance, { available: 0, pending: 0, held: 0, lifetime_earned: 0, lifetime_redeemed: 0, lifetime_reversed: 0 },
    'EnrollMember');
  step('EnrollMember', `${member.member_id} (card ${member.card_alias}), ${fmtBalance(member.balance)}`);

  // -- RecordPurchase: 2 x 19.99 + 1 x 5.00 = 44.98 EUR
  const lines = [
    { sku: 'SKU-COFFEE-BEANS', category: 'grocery', quantity: '2', unit_price_minor: '1999' },
    { sku: 'SKU-MUG', category: 'homeware', quantity: '1', unit_price_minor: '500' },
  ];
  const totalMinor = lines.reduce((sum, l) => sum + BigInt(l.quantity) * BigInt(l.unit_price_minor), 0n);
  const earned = (totalMinor * RATE) / 100n; // BigInt division truncates = rounds down for positives
  checkInt(totalMinor, 4498, 'test setup: total');
  checkInt(earned, 449, 'test setup: expected points');

  const purchaseRequest = {
    request_id: rid('purchase-1'),
    program_id: programId,
    member_id: memberId,
    ...where,
    currency: 'EUR',
    lines,
    occurred_at: { seconds: String(Math.floor(Date.now() / 1000) - 30), nanos: 0 },
  };
  const purchase = await call(checkout, 'RecordPurchase', purchaseRequest);
  check(purchase.transaction_id, 'RecordPurchase: transaction_id is empty');
  checkInt(purchase.total_minor, totalMinor, 'RecordPurchase: total_minor');
  check(purchase.currency === 'EUR', `RecordPurchase: currency ${purchase.currency}, expected EUR`);
  checkInt(purchase.points_earned, earned, 'RecordPurchase: points_earned');
  checkBalance(purchase.balance, { available: earned, pending: 0, held: 0, lifetime_earned: earned, lifetime_redeemed: 0, lifetime_reversed: 0 },
    'RecordPurchase');
  step('RecordPurchase', `${purchase.transaction_id}: ${purchase.total_minor} minor ${purchase.currency} ` +
    `-> +${purchase.points_earned} points; ${fmtBalance(purchase.balance)}`);

  // -- Same request again (a terminal retrying after a timeout): must be the original answer.
  const retried = await call(checkout, 'RecordPurchase', purchaseRequest);
  check(retried.transaction_id === purchase.transaction_id,
    `RecordPurchase retry: transaction_id ${retried.transaction_id}, expected the original ${purchase.transaction_id}`);
  checkInt(retried.points_earned, purchase.points_earned, 'RecordPurchase retry: points_earned');
  check(JSON.stringify(retried) === JSON.stringify(purchase),
    `RecordPurchase retry: response differs from the original\n  original: ${JSON.stringify(purchase)}\n  retry:    ${JSON.stringify(retried)}`);
  step('RecordPurchase retry', `same request_id -> same ${retried.transaction_id}, +${retried.points_earned} points (no double award)`);

  // -- Same request_id with different content: ALREADY_EXISTS.
  const reused = await callExpectingError(checkout, 'RecordPurchase',
    { ...purchaseRequest, lines: [{ ...lines[0], quantity: '3' }, lines[1]] }, grpc.status.ALREADY_EXISTS);
  step('RecordPurchase reuse', `same request_id, other lines -> ${reused.codeName} (${reused.err.code}) ` +
    `reason=${reused.errorInfo?.reason}: ${reused.err.details}`);

  // -- Bad request: quantity 0 -> INVALID_ARGUMENT with a BadRequest field violation.
  const bad = await callExpectingError(checkout, 'RecordPurchase', {
    ...purchaseRequest,
    request_id: rid('purchase-bad'),
    lines: [{ sku: 'SKU-ZERO', category: 'grocery', quantity: '0', unit_price_minor: '100' }],
  }, grpc.status.INVALID_ARGUMENT);
  check(bad.errorInfo, 'RecordPurchase quantity 0: no google.rpc.ErrorInfo in the status details');
  check(bad.violations.some((v) => v.field.includes('quantity')),
    `RecordPurchase quantity 0: no BadRequest violation naming the quantity field (got ${JSON.stringify(bad.violations)})`);
  step('RecordPurchase qty=0', `${bad.codeName} (${bad.err.code}) reason=${bad.errorInfo.reason}; ` +
    bad.violations.map((v) => `${v.field}: ${v.description}`).join('; '));

  // -- AuthorizeRedemption of 100 points
  const HOLD = 100n;
  const authRequestedAt = Date.now();
  const auth = await call(checkout, 'AuthorizeRedemption', {
    request_id: rid('authorize-1'),
    program_id: programId,
    member_id: memberId,
    points: String(HOLD),
    ...where,
  });
  check(auth.hold_id, 'AuthorizeRedemption: hold_id is empty');
  checkInt(auth.points, HOLD, 'AuthorizeRedemption: points');
  check(auth.expires_at, 'AuthorizeRedemption: expires_at missing');
  const expiresIn = (toMillis(auth.expires_at) - authRequestedAt) / 1000;
  check(Math.abs(expiresIn - Number(HOLD_TTL_SECONDS)) < 60,
    `AuthorizeRedemption: expires_at is ${expiresIn.toFixed(1)}s away, expected about ${HOLD_TTL_SECONDS}s (hold_ttl)`);
  checkBalance(auth.balance, { available: earned - HOLD, pending: 0, held: HOLD, lifetime_earned: earned, lifetime_redeemed: 0, lifetime_reversed: 0 },
    'AuthorizeRedemption');
  step('AuthorizeRedemption', `${auth.hold_id}: ${auth.points} points held until ` +
    `${new Date(toMillis(auth.expires_at)).toISOString()} (~${Math.round(expiresIn)}s); ${fmtBalance(auth.balance)}`);

  // -- CaptureRedemption
  const capture = await call(checkout, 'CaptureRedemption', {
    request_id: rid('capture-1'),
    program_id: programId,
    member_id: memberId,
    hold_id: auth.hold_id,
  });
  check(capture.hold_id === auth.hold_id, `CaptureRedemption: hold_id ${capture.hold_id}, expected ${auth.hold_id}`);
  checkInt(capture.points_redeemed, HOLD, 'CaptureRedemption: points_redeemed');
  checkBalance(capture.balance, { available: earned - HOLD, pending: 0, held: 0, lifetime_earned: earned, lifetime_redeemed: HOLD, lifetime_reversed: 0 },
    'CaptureRedemption');
  step('CaptureRedemption', `${capture.hold_id}: ${capture.points_redeemed} points redeemed; ${fmtBalance(capture.balance)}`);

  // -- RecordReturn of one unit of the first line (19.99 EUR)
  const returnedMinor = BigInt(lines[0].unit_price_minor);
  const reversed = (earned * returnedMinor) / totalMinor; // floor(449 * 1999 / 4498) = 199
  checkInt(reversed, 199, 'test setup: expected reversal');
  const ret = await call(checkout, 'RecordReturn', {
    request_id: rid('return-1'),
    program_id: programId,
    member_id: memberId,
    transaction_id: purchase.transaction_id,
    lines: [{ sku: lines[0].sku, quantity: '1' }],
    ...where,
  });
  check(ret.return_id, 'RecordReturn: return_id is empty');
  checkInt(ret.points_reversed, reversed, 'RecordReturn: points_reversed');
  checkInt(ret.points_written_off, 0, 'RecordReturn: points_written_off');
  const finalBalance = {
    available: earned - HOLD - reversed, pending: 0n, held: 0n,
    lifetime_earned: earned, lifetime_redeemed: HOLD, lifetime_reversed: reversed,
  };
  checkBalance(ret.balance, finalBalance, 'RecordReturn');
  step('RecordReturn', `${ret.return_id}: 1 x ${lines[0].sku} (${returnedMinor} minor) -> -${ret.points_reversed} points ` +
    `(floor(${earned} * ${returnedMinor} / ${totalMinor})); ${fmtBalance(ret.balance)}`);

  // -- Bad request: more points than available -> FAILED_PRECONDITION (INSUFFICIENT_POINTS).
  const tooMany = finalBalance.available + 1n;
  const insufficient = await callExpectingError(checkout, 'AuthorizeRedemption', {
    request_id: rid('authorize-too-many'),
    program_id: programId,
    member_id: memberId,
    points: String(tooMany),
    ...where,
  }, grpc.status.FAILED_PRECONDITION);
  check(insufficient.errorInfo && insufficient.errorInfo.reason === 'INSUFFICIENT_POINTS',
    `AuthorizeRedemption ${tooMany}: ErrorInfo.reason ${insufficient.errorInfo?.reason}, expected INSUFFICIENT_POINTS`);
  step(`Authorize ${tooMany}`, `${insufficient.codeName} (${insufficient.err.code}) reason=${insufficient.errorInfo.reason}: ` +
    insufficient.err.details);

  // -- GetMember: the refused requests changed nothing.
  const got = await call(members, 'GetMember', { program_id: programId, member_id: memberId });
  check(got.member && got.member.member_id === memberId, 'GetMember: wrong or missing member');
  check(got.member.card_alias === `CARD-${suffix}`, `GetMember: card_alias ${got.member.card_alias}`);
  checkBalance(got.member.balance, finalBalance, 'GetMember');
  step('GetMember', `${got.member.member_id}: ${fmtBalance(got.member.balance)}`);

  // -- ListLedgerEntries: newest first, one line per accepted points movement.
  const ledger = await call(members, 'ListLedgerEntries', { program_id: programId, member_id: memberId, page_size: 50 });
  const entries = ledger.entries;
  step('ListLedgerEntries', `${entries.length} entries, next_page_token=${JSON.stringify(ledger.next_page_token)}`);
  for (const e of entries) {
    console.log(`  #${String(e.sequence).padStart(3)} ${e.type.replace('LEDGER_ENTRY_TYPE_', '').padEnd(8)} ` +
      `points=${String(e.points).padStart(5)} available${signed(e.available_delta)} held${signed(e.held_delta)}  ` +
      `${e.description}`);
  }
  const expected = [
    { type: 'RETURN', points: -reversed, available_delta: -reversed, held_delta: 0n, request_id: rid('return-1'), transaction_id: purchase.transaction_id },
    { type: 'CAPTURE', points: -HOLD, available_delta: 0n, held_delta: -HOLD, request_id: rid('capture-1'), hold_id: auth.hold_id },
    { type: 'HOLD', points: 0n, available_delta: -HOLD, held_delta: HOLD, request_id: rid('authorize-1'), hold_id: auth.hold_id },
    { type: 'PURCHASE', points: earned, available_delta: earned, held_delta: 0n, request_id: rid('purchase-1'), transaction_id: purchase.transaction_id, ...where },
  ];
  check(entries.length === expected.length,
    `ListLedgerEntries: ${entries.length} entries (${entries.map((e) => e.type).join(', ')}), expected ${expected.length}`);
  check(ledger.next_page_token === '', `ListLedgerEntries: next_page_token should be empty, got ${ledger.next_page_token}`);
  expected.forEach((want, i) => {
    const e = entries[i];
    const at = `ListLedgerEntries[${i}]`;
    check(e.type === `LEDGER_ENTRY_TYPE_${want.type}`, `${at}: type ${e.type}, expected LEDGER_ENTRY_TYPE_${want.type}`);
    checkInt(e.points, want.points, `${at} ${want.type}: points`);
    checkInt(e.available_delta, want.available_delta, `${at} ${want.type}: available_delta`);
    checkInt(e.held_delta, want.held_delta, `${at} ${want.type}: held_delta`);
    for (const field of ['request_id', 'transaction_id', 'hold_id', 'merchant_id', 'store_id', 'terminal_id']) {
      if (want[field] !== undefined) {
        check(e[field] === want[field], `${at} ${want.type}: ${field} ${JSON.stringify(e[field])}, expected ${JSON.stringify(want[field])}`);
      }
    }
    check(e.recorded_at && e.occurred_at, `${at} ${want.type}: occurred_at/recorded_at missing`);
    if (i > 0) {
      check(BigInt(entries[i - 1].sequence) > BigInt(e.sequence),
        `${at}: sequence ${e.sequence} is not below the newer entry's ${entries[i - 1].sequence} (newest first)`);
    }
  });
  const ledgerTotal = entries.reduce((sum, e) => sum + BigInt(e.points), 0n);
  checkInt(ledgerTotal, finalBalance.available + finalBalance.held, 'ListLedgerEntries: sum of points vs available + held');
  // The purchase entry keeps the terminal's clock (we sent occurred_at 30 s in the past).
  const purchaseEntry = entries[3];
  checkInt(purchaseEntry.occurred_at.seconds, purchaseRequest.occurred_at.seconds, 'ListLedgerEntries PURCHASE: occurred_at.seconds');

  console.log('');
  console.log(`PASS: all checks passed (final balance: ${fmtBalance(got.member.balance)})`);
}

function signed(v) {
  const b = BigInt(v);
  return b < 0n ? String(b) : `+${b}`;
}

// ------------------------------------------------------------------------------------------ main

async function main() {
  const credentials = grpc.credentials.createInsecure();
  const programs = new v1.Programs(ADDRESS, credentials);
  const shared = { channelOverride: programs.getChannel() };
  const clients = {
    programs,
    members: new v1.Members(ADDRESS, credentials, shared),
    checkout: new v1.Checkout(ADDRESS, credentials, shared),
    access: new v1.Access(ADDRESS, credentials, shared),
  };
  try {
    await new Promise((resolve, reject) =>
      programs.waitForReady(Date.now() + 5_000, (err) =>
        (err ? reject(new CheckFailed(`cannot connect to ${ADDRESS} within 5 s (is the silo running?): ${err.message}`)) : resolve())));
    await session(clients);
    return 0;
  } catch (err) {
    if (err instanceof CheckFailed) {
      console.error(`\nFAIL: ${err.message}`);
    } else if (err && typeof err.code === 'number' && err.details !== undefined) {
      console.error(`\nFAIL: unexpected gRPC error ${grpc.status[err.code]} (${err.code}): ${err.details}`);
      const { errorInfo, violations } = decodeStatusDetails(err.metadata);
      if (errorInfo) console.error(`      ErrorInfo reason=${errorInfo.reason} domain=${errorInfo.domain}`);
      for (const v of violations) console.error(`      violation ${v.field}: ${v.description}`);
    } else {
      console.error('\nFAIL: unexpected error:', err);
    }
    return 1;
  } finally {
    programs.close();
    clients.members.close();
    clients.checkout.close();
    clients.access.close();
  }
}

main().then((code) => { process.exitCode = code; });
