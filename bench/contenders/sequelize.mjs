// Sequelize 6: models from sequelize.define(), one pooled connection. Its SQLite dialect
// runs on the `sqlite3` package (not better-sqlite3), its MySQL dialect on mysql2.
import { CHILDREN, PARENTS, USERS, utcText } from '../lib/fixtures.mjs';

export const id = 'sequelize';

export async function open({ db, target }) {
  const { Sequelize, DataTypes } = await import('sequelize');
  const options = { logging: false, pool: { min: 1, max: 1 } };
  const sequelize = db === 'sqlite' ? new Sequelize({ dialect: 'sqlite', storage: target, ...options }) : new Sequelize(target, { dialect: db === 'postgresql' ? 'postgres' : 'mysql', ...options });
  const { INTEGER, STRING, DATE } = DataTypes;
  const opts = (tableName) => ({ tableName, timestamps: false });
  const User = sequelize.define('User', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: STRING(50), allowNull: false },
    email: { type: STRING(100), allowNull: false },
    created: { type: db === 'sqlite' ? STRING : DATE, allowNull: false },
    score: { type: INTEGER, allowNull: false },
  }, opts(USERS));
  const Parent = sequelize.define('Parent', { id: { type: INTEGER, primaryKey: true }, name: { type: STRING(50), allowNull: false } }, opts(PARENTS));
  const Child = sequelize.define('Child', { id: { type: INTEGER, primaryKey: true }, parent_id: { type: INTEGER, allowNull: false }, name: { type: STRING(50), allowNull: false }, value: { type: INTEGER, allowNull: false } }, opts(CHILDREN));
  Parent.hasMany(Child, { as: 'children', foreignKey: 'parent_id' });
  Child.belongsTo(Parent, { as: 'parent', foreignKey: 'parent_id' });
  await sequelize.authenticate();
  return {
    db,
    sequelize,
    User,
    Parent,
    Child,
    exec: (sql) => sequelize.query(sql),
    scalar: async (sql) => Object.values((await sequelize.query(sql, { type: 'SELECT' }))[0])[0],
    close: () => sequelize.close(),
  };
}

export const cases = [
  {
    id: 'sequelize',
    workload: 'insert',
    label: 'Sequelize: User.bulkCreate(rows) (one statement, keys back), in a transaction',
    async run(h, { rows }) {
      const data = h.db === 'sqlite' ? rows.map((r) => ({ ...r, created: utcText(r.created) })) : rows;
      const made = await h.sequelize.transaction((transaction) => h.User.bulkCreate(data, { transaction }));
      return made.map((u) => u.id);
    },
  },
  {
    id: 'sequelize',
    workload: 'select',
    label: 'Sequelize: User.findByPk(id)',
    async run(h, { ids }) {
      let sum = 0;
      for (let k = 0; k < ids.length; k++) {
        const u = await h.User.findByPk(ids[k]);
        sum += u.id + u.score + u.name.length;
      }
      return sum;
    },
  },
  {
    id: 'sequelize',
    workload: 'load',
    label: 'Sequelize: User.findAll() (model instances)',
    async run(h) {
      const users = await h.User.findAll();
      let sum = 0;
      for (const u of users) sum += u.id + u.score + u.name.length;
      return { count: users.length, checksum: sum };
    },
  },
  {
    id: 'sequelize-separate',
    workload: 'eager',
    label: "Sequelize: Parent.findAll({ include: { as: 'children', separate: true } }) (select-in)",
    run: (h) => families(h, true),
  },
  {
    id: 'sequelize-join',
    workload: 'eager',
    label: "Sequelize: Parent.findAll({ include: 'children' }) (its default: joined)",
    run: (h) => families(h, false),
  },
  {
    id: 'sequelize',
    workload: 'update',
    label: 'Sequelize: User.update({ score }, { where: { id } }) per row in one transaction',
    async run(h, { rows }) {
      await h.sequelize.transaction(async (transaction) => {
        for (const r of rows) await h.User.update({ score: r.score }, { where: { id: r.id }, transaction });
      });
    },
  },
];

async function families(h, separate) {
  const parents = await h.Parent.findAll({ include: [{ model: h.Child, as: 'children', separate }] });
  let sum = 0;
  for (const p of parents) for (const c of p.children) sum += p.id * 7 + c.id + c.value;
  return sum;
}
