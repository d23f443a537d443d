import type { Strings } from './en';

export const fr: Strings = {
  launcherLabel: 'Discuter avec nous',
  unread: (count: number) => (count === 1 ? '1 message non lu' : `${count} messages non lus`),
  closeChat: 'Fermer la discussion',
  defaultTitle: 'Discussion',
  conversationTitle: 'Votre conversation',
  loading: 'Chargement…',

  formIntro: 'Indiquez votre nom et votre e-mail, nous vous mettons en relation avec notre équipe.',
  nameLabel: 'Nom',
  emailLabel: 'E-mail',
  required: 'obligatoire',
  selectPlaceholder: 'Choisir…',
  startChat: 'Commencer la discussion',
  starting: 'Ouverture…',
  nameMissing: 'Veuillez indiquer votre nom.',
  emailMissing: 'Veuillez indiquer votre adresse e-mail.',
  emailInvalid: 'Veuillez indiquer une adresse e-mail valide, par exemple nom@exemple.fr.',
  answerMissing: 'Veuillez répondre à cette question.',
  choiceMissing: 'Veuillez choisir au moins une option.',
  fixFields: 'Veuillez corriger les champs indiqués ci-dessous.',

  offlineIntro:
    'Personne ne peut répondre en direct pour le moment. Laissez un message, nous répondrons par e-mail.',
  outsideHours:
    'Nous sommes fermés pour le moment. Laissez un message, nous répondrons par e-mail.',
  offlineMessageLabel: 'Message',
  messageMissing: 'Veuillez écrire votre message.',
  leaveMessage: 'Envoyer le message',
  leavingMessage: 'Envoi…',
  messageLeft: (email: string) =>
    `Merci ! Nous avons bien reçu votre message et répondrons à ${email}. Une confirmation vous a été envoyée.`,

  chatUnavailable: 'Cette discussion n’est pas disponible sur ce site pour le moment.',
  visitorBlocked: 'Désolé, cette conversation ne peut pas être ouverte.',
  tryLater: 'Trop de tentatives. Veuillez réessayer dans quelques minutes.',
  offline: 'Impossible de joindre la discussion. Vérifiez votre connexion et réessayez.',
  failed: 'Une erreur est survenue. Veuillez réessayer.',

  messagesLabel: 'Messages',
  messageLabel: 'Votre message',
  messagePlaceholder: 'Écrivez votre message…',
  send: 'Envoyer',
  sending: 'Envoi…',
  notSent: 'Non envoyé.',
  retry: 'Réessayer',
  seen: 'Vu',
  you: 'Vous',
  agent: 'Conseiller',
  tooLong: (max: number) => `Un message peut contenir au plus ${max} caractères.`,
  typing: (name: string) => `${name} écrit…`,
  sendTooFast: 'Vous envoyez des messages trop vite. Patientez un instant.',

  connecting: 'Connexion…',
  reconnecting: 'Reconnexion…',
  waiting: 'En attente d’un conseiller',
  chattingWith: (name: string) => `Vous discutez avec ${name}`,
  agentJoined: (name: string) => `${name} a rejoint la discussion`,
  agentLeft: (name: string) => `${name} a quitté la discussion`,
  ended: 'Cette conversation est terminée.',
  startNew: 'Commencer une nouvelle conversation',
  sessionGone:
    'Votre conversation précédente n’est plus disponible. Vous pouvez en commencer une nouvelle.',
  linkInvalid: 'Ce lien de conversation a expiré ou n’est pas valide.',
};
