/** Use cases for newsroom accounts: adding people (with their public byline). */
import { Invalid } from '../errors.js';
import { slugify, uniqueSlug } from '../text/slug.js';
import { generatePassword, hashPassword } from './password.js';
import { isPlausibleEmail, isRole, normaliseEmail, type User } from './user.js';
import type { UserStore } from './user-store.js';

export const MIN_PASSWORD_LENGTH = 10;

/** Account use cases. */
export function createUserService(store: UserStore) {
  return {
    /**
     * Adds an account and a matching author profile for bylines. Returns the
     * password (generated when none is given) so it can be shown once.
     */
    async addUser(input: {
      email: string;
      name: string;
      role: string;
      password?: string;
    }): Promise<{ user: User; password: string }> {
      const errors: Record<string, string> = {};
      const email = normaliseEmail(input.email);
      if (!isPlausibleEmail(email)) errors.email = `"${input.email}" is not a valid email address.`;
      if (input.name.trim() === '') errors.name = 'A name is required.';
      if (!isRole(input.role))
        errors.role = `Unknown role "${input.role}": use admin, editor, author or contributor.`;
      if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
        errors.password = `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
      }
      if (!errors.email && (await store.findUserByEmail(email)))
        errors.email = `A user with the email ${email} already exists.`;
      if (Object.keys(errors).length > 0) throw new Invalid(errors);

      const password = input.password ?? generatePassword();
      const name = input.name.trim();
      const slug = await uniqueSlug(slugify(name, 'author'), (s) => store.isAuthorSlugTaken(s));
      const author = await store.insertAuthor({ name, slug });
      const user = await store.insertUser({
        email,
        displayName: name,
        role: input.role as User['role'],
        passwordHash: await hashPassword(password),
        authorId: author.id,
      });
      return { user, password };
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
