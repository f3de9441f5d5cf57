// CommonJS: the old names reached through require() are renamed too.
const { relation, eagerload, relationship, joinedload } = require('retort/legacy');
const legacy = require('retort/legacy');

const rel = relationship('Address', { backref: 'user' });
const opts = [joinedload('addresses'), legacy.joinedload('orders')];

module.exports = { rel, opts };
