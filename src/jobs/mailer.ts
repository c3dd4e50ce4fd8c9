/**
 * Sends email through the SMTP server named by SMTP_URL. Without one (a fresh
 * `npm start`), the subject is logged at info level and the whole message only at
 * debug level: addresses and one-time links never reach an info-level log.
 */
import type { SendMailOptions } from 'nodemailer';

/** One plain-text message. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Something that delivers mail. */
export interface Mailer {
  /** Delivers `mail`; rejects when the SMTP server refuses it. */
  send(mail: Mail): Promise<void>;
}

/** A mailer for `smtpUrl`, or one that logs when no SMTP server is configured. */
export function createMailer(
  config: { smtpUrl: string | null; mailFrom: string },
  log: { info(obj: unknown, msg?: string): void; debug?(obj: unknown, msg?: string): void },
): Mailer {
  if (!config.smtpUrl) {
    return {
      async send(mail) {
        log.info(
          { subject: mail.subject },
          'mail not sent: set SMTP_URL (LOG_LEVEL=debug shows the message)',
        );
        log.debug?.({ to: mail.to, subject: mail.subject, text: mail.text }, 'unsent mail');
      },
    };
  }
  const transport = smtpTransport(config.smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({
        from: config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
    },
  };
}

/**
 * An SMTP transport for `smtpUrl`, set up with the first message: nodemailer costs each process about
 * 15 MB, and most processes never send mail.
 */
export function smtpTransport(smtpUrl: string): { sendMail(message: SendMailOptions): Promise<unknown> } {
  let transport: Promise<{ sendMail(message: SendMailOptions): Promise<unknown> }> | undefined;
  return {
    async sendMail(message) {
      transport ??= import('nodemailer').then((nodemailer) => nodemailer.default.createTransport(smtpUrl));
      return (await transport).sendMail(message);
    },
  };
}
