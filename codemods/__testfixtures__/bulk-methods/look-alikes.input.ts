// Look-alikes: bulk methods of other libraries stay as they are.
interface Repo {
  bulkInsertMappings(model: string, rows: object[]): Promise<void>;
  bulkSaveObjects(objs: object[]): Promise<void>;
}

export async function calls(repo: Repo) {
  await repo.bulkInsertMappings('users', [{ id: 1 }]);
  await repo.bulkSaveObjects([{ id: 2 }]);
}
