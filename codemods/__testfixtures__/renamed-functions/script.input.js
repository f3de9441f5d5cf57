// CommonJS: the old names reached through require() are renamed too.
const { relation, eagerload } = require('retort/legacy');
const legacy = require('retort/legacy');

const rel = relation('Address', { backref: 'user' });
const opts = [eagerload('addresses'), legacy.eagerload('orders')];

module.exports = { rel, opts };
