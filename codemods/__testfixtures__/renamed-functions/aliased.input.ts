// Aliased and namespace imports of the old names are followed; a local relationship() is not shadowed.
import * as L from 'retort/legacy';
import { relation as rel, eagerload as eager } from 'retort/legacy';

function relationship(kind: string) {
  return `a local ${kind}`;
}

export const sides = [rel('Address'), L.relation('Address', { backref: 'user' }), relationship('thing')];
export const options = [eager('addresses'), L.eagerload('addresses', 'user')];
