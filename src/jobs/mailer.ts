/**
 * Sends email through the SMTP server named by SMTP_URL. Without one (a fresh
 * `npm start`), messages are written to the log so links still reach the operator.
 */
import nodemailer from 'nodemailer';

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
  log: { info(obj: unknown, msg?: string): void },
): Mailer {
  if (!config.smtpUrl) {
    return {
      async send(mail) {
        log.info({ to: mail.to, subject: mail.subject, text: mail.text }, 'mail (no SMTP_URL set, not sent)');
      },
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
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
