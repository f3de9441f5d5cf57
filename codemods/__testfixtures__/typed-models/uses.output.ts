// Class-level reads of another file's legacy statics become Cls.c.key (valid before and after that file is converted).
import { select } from 'retort';
import { Author, Book } from './basic.input';

export const byAuthor = (id: number) => select(Book.c.id).where(Book.c.authorId.eq(id)).where(Author.c.id.gt(0)).orderBy(Book.c.title);
