// The two real API clients the compatibility tests drive ship no type declarations.
declare module '@tryghost/content-api';
declare module 'wpapi';
