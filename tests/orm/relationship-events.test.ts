/**
 * Relationship attribute events (`listenRelationship`) and `objectSession()`: listeners run
 * before application code changes a relationship (set / append / remove), not for loading
 * or for the mirrored back-populated side; a listener that throws cancels the change.
 */
import { Collection, column, declarativeBase, foreignKey, integer, listenRelationship, many, objectSession, one, RelationshipEvent, select, selectinLoad, Session, string, writeOnly } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('orev', n);

function models() {
  const Base = declarativeBase();
  class Deck extends Base.model(T('decks'), {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    cards: many<Card>('Card', { backPopulates: 'deck' }),
    notes: writeOnly<Note>('Note'),
  }) {}
  class Card extends Base.model(T('cards'), {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    deckId: column(integer(), { name: 'deck_id', references: foreignKey(`${T('decks')}.id`) }),
    deck: one<Deck>('Deck', { backPopulates: 'cards' }),
  }) {}
  class Note extends Base.model(T('notes'), {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    deckId: column(integer(), { name: 'deck_id', references: foreignKey(`${T('decks')}.id`) }),
    text: column(string(20), { nullable: false }),
  }) {}
  Base.register(Deck, Card, Note);
  return { Base, Deck, Card, Note };
}

forEachDialect('relationship events', (ctx) => {
  const { Base, Deck, Card, Note } = models();
  const seen: string[] = [];
  const log = (e: RelationshipEvent) => seen.push(`${e.name} ${e.attribute.key} ${(e.target as { id: number }).id}:${e.value ? (e.value as { id: number }).id : 'null'}`);
  beforeAll(async () => {
    await Base.metadata.dropAll(ctx.engine);
    await Base.metadata.createAll(ctx.engine);
  });
  afterAll(async () => {
    await Base.metadata.dropAll(ctx.engine);
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('fire before set, append and remove made by application code, for every object of the class', async () => {
    const stops = [listenRelationship(Card.c.deck, 'set', log), listenRelationship(Deck.c.cards, 'append', log), listenRelationship(Deck.c.cards, 'remove', log)];
    try {
      const deck = new Deck({ id: 1 });
      const [a, b, c] = [new Card({ id: 1 }), new Card({ id: 2 }), new Card({ id: 3 })];
      deck.cards.push(a, b, a); // a once
      deck.cards.unshift(c);
      deck.cards.pop();
      deck.cards.splice(0, 1);
      (deck.cards as Collection<typeof a>).remove(a);
      b.deck = null; // the set fires; its mirrored removal from deck.cards does not
      c.deck = deck;
      deck.cards = [a];
      expect(seen).toEqual([
        'append cards 1:1', 'append cards 1:2', 'append cards 1:3', 'remove cards 1:2', 'remove cards 1:3',
        'remove cards 1:1', 'set deck 2:null', 'set deck 3:1', 'remove cards 1:3', 'append cards 1:1',
      ]);
      expect(deck.cards).toEqual([a]);
    } finally {
      stops.forEach((s) => s());
    }
    const later = new Card({ id: 9 });
    later.deck = new Deck({ id: 9 });
    expect(seen).toHaveLength(10); // removed listeners stay quiet
  });

  it('a listener that throws cancels the change; loading fires nothing; write-only collections fire too', async () => {
    const stop = listenRelationship(Card.c.deck, 'set', ({ value }) => {
      if (value && (value as { id: number }).id === 13) throw new Error('unlucky deck');
    });
    const stopNotes = listenRelationship(Deck.c.notes, 'append', log);
    const session = new Session(ctx.engine);
    try {
      const card = new Card({ id: 5 });
      expect(() => {
        card.deck = new Deck({ id: 13 });
      }).toThrow('unlucky deck');
      expect(card.deck).toBeNull();
      const deck = new Deck({ id: 2, cards: [card] });
      deck.notes.add(new Note({ id: 1, text: 'hi' }));
      expect(seen).toEqual(['append notes 2:1']);
      session.add(deck);
      await session.commit();
      seen.length = 0;
      const stopAll = listenRelationship(Deck.c.cards, 'append', log);
      try {
        const fresh = new Session(ctx.engine);
        const loaded = (await fresh.scalars(select(Deck).where(Deck.c.id.eq(2)).options(selectinLoad(Deck.c.cards)))).one();
        expect(loaded.cards.map((c) => c.id)).toEqual([5]);
        expect(seen).toEqual([]);
        expect(objectSession(loaded)).toBe(fresh);
        await fresh.close();
        expect(objectSession(loaded)).toBeUndefined();
      } finally {
        stopAll();
      }
      expect(objectSession(card)).toBe(session);
      expect(objectSession(new Card({ id: 77 }))).toBeUndefined();
    } finally {
      stop();
      stopNotes();
      await session.close();
    }
  });

  it('refuse bad input with a clear error', () => {
    expect(() => listenRelationship(Card.c.id as never, 'set', log)).toThrow(/takes a relationship attribute/);
    expect(() => listenRelationship(Card.c.deck, 'append', log)).toThrow(/single-object relationship is set/);
    expect(() => listenRelationship(Deck.c.cards, 'set', log)).toThrow(/appended to and removed from/);
    expect(() => listenRelationship(Deck.c.cards, 'changed' as never, log)).toThrow(/unknown event "changed"/);
    expect(() => listenRelationship(Deck.c.cards, 'append', 'log' as never)).toThrow(/listener function/);
    expect(() => objectSession(null as never)).toThrow(/needs a mapped object/);
  });
});
