// Look-alikes: relation()/eagerload() that are not Retort's legacy functions stay as they are.
import { relationship } from 'retort/legacy';

const orm = {
  relation: (target: string) => ({ target }),
  eagerload: (path: string) => ({ path }),
};

function relation(a: string, b: string) {
  return `${a}<->${b}`;
}

export function eagerload(path: string) {
  return path.split('.');
}

export const values = [orm.relation('users'), orm.eagerload('a.b'), relation('a', 'b'), eagerload('x.y'), relationship('Address')];
