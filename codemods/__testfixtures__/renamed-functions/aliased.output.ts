// Aliased and namespace imports of the old names are followed; a local relationship() is not shadowed.
import * as L from 'retort/legacy';
import { relation as rel, eagerload as eager } from 'retort/legacy';

function relationship(kind: string) {
  return `a local ${kind}`;
}

export const sides = [L.relationship('Address'), L.relationship('Address', { backref: 'user' }), relationship('thing')];
export const options = [L.joinedload('addresses'), L.joinedload('addresses', 'user')];
