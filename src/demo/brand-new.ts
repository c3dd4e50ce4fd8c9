/** Whether a site is brand new: demo content goes only into a database with no articles and no accounts. */
import type { ArticleStore } from '../articles/article-store.js';
import type { UserStore } from '../users/user-store.js';

export async function hasNoContent(stores: {
  articles: Pick<ArticleStore, 'countAll'>;
  users: Pick<UserStore, 'countUsers'>;
}): Promise<boolean> {
  return (await stores.articles.countAll()) === 0 && (await stores.users.countUsers()) === 0;
}
