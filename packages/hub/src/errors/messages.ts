import type { ErrorCode, Language } from './codes.js';

type Params = Readonly<Record<string, unknown>>;
type Render = (p: Params) => string;

const str = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** One sentence per code and language; params fill the blanks. */
export const messages: Record<ErrorCode, Record<Language, Render>> = {
  validation_failed: {
    en: (p) => `${str(p.field) || 'The request'} is not valid${p.reason ? `: ${str(p.reason)}` : ''}.`,
    zh: (p) => `${str(p.field) || '请求'}无效${p.reason ? `：${str(p.reason)}` : ''}。`,
    it: (p) => `${str(p.field) || 'La richiesta'} non è valido${p.reason ? `: ${str(p.reason)}` : ''}.`,
    fr: (p) => `${str(p.field) || 'La requête'} n'est pas valide${p.reason ? ` : ${str(p.reason)}` : ''}.`,
  },
  unauthorized: {
    en: () => 'A valid bearer token is required.',
    zh: () => '需要有效的访问令牌。',
    it: () => 'Serve un token di accesso valido.',
    fr: () => "Un jeton d'accès valide est requis.",
  },
  forbidden: {
    en: (p) => `This token may not ${str(p.action) || 'do that'}.`,
    zh: (p) => `此令牌无权${str(p.action) || '执行此操作'}。`,
    it: (p) => `Questo token non può ${str(p.action) || 'farlo'}.`,
    fr: (p) => `Ce jeton ne peut pas ${str(p.action) || 'faire cela'}.`,
  },
  not_found: {
    en: (p) => `No ${str(p.kind) || 'resource'} with id ${str(p.id)}.`,
    zh: (p) => `找不到 ID 为 ${str(p.id)} 的${str(p.kind) || '资源'}。`,
    it: (p) => `Nessun ${str(p.kind) || 'elemento'} con id ${str(p.id)}.`,
    fr: (p) => `Aucun ${str(p.kind) || 'élément'} avec l'id ${str(p.id)}.`,
  },
  conflict: {
    en: (p) => `Conflict: ${str(p.reason)}.`,
    zh: (p) => `冲突：${str(p.reason)}。`,
    it: (p) => `Conflitto: ${str(p.reason)}.`,
    fr: (p) => `Conflit : ${str(p.reason)}.`,
  },
  payload_too_large: {
    en: (p) => `The payload is larger than the limit of ${str(p.limit)} bytes.`,
    zh: (p) => `消息超过 ${str(p.limit)} 字节的上限。`,
    it: (p) => `Il messaggio supera il limite di ${str(p.limit)} byte.`,
    fr: (p) => `Le message dépasse la limite de ${str(p.limit)} octets.`,
  },
  rate_limited: {
    en: () => 'Too many requests; slow down.',
    zh: () => '请求过于频繁，请稍后再试。',
    it: () => 'Troppe richieste; rallenta.',
    fr: () => 'Trop de requêtes ; ralentissez.',
  },
  internal: {
    en: () => 'Something went wrong inside the hub.',
    zh: () => '中枢内部出错了。',
    it: () => "Qualcosa è andato storto nell'hub.",
    fr: () => "Une erreur s'est produite dans le hub.",
  },
  language_unsupported: {
    en: (p) =>
      `Nothing here can ${str(p.task) || 'do that'} in ${str(p.language)}; available: ${str(p.available) || 'none'}.`,
    zh: (p) => `这里无法用 ${str(p.language)} ${str(p.task) || '处理'}；可用：${str(p.available) || '无'}。`,
    it: (p) =>
      `Qui nessun motore sa ${str(p.task) || 'farlo'} in ${str(p.language)}; disponibili: ${str(p.available) || 'nessuna'}.`,
    fr: (p) =>
      `Rien ici ne sait ${str(p.task) || 'le faire'} en ${str(p.language)} ; disponibles : ${str(p.available) || 'aucune'}.`,
  },
  unavailable: {
    en: (p) => `${str(p.what) || 'The service'} is not available right now.`,
    zh: (p) => `${str(p.what) || '服务'}暂时不可用。`,
    it: (p) => `${str(p.what) || 'Il servizio'} non è disponibile ora.`,
    fr: (p) => `${str(p.what) || 'Le service'} n'est pas disponible pour le moment.`,
  },
  config_invalid: {
    en: (p) => `Invalid configuration: ${str(p.detail)}`,
    zh: (p) => `配置无效：${str(p.detail)}`,
    it: (p) => `Configurazione non valida: ${str(p.detail)}`,
    fr: (p) => `Configuration invalide : ${str(p.detail)}`,
  },
  port_in_use: {
    en: (p) =>
      `Port ${str(p.port)} (${str(p.service)}) is already in use. Stop the program that holds it, or choose another port with ${str(p.flag)} or ${str(p.env)}.`,
    zh: (p) =>
      `端口 ${str(p.port)}（${str(p.service)}）已被占用。请停止占用它的程序，或用 ${str(p.flag)} 或 ${str(p.env)} 换一个端口。`,
    it: (p) =>
      `La porta ${str(p.port)} (${str(p.service)}) è già in uso. Ferma il programma che la occupa o scegline un'altra con ${str(p.flag)} o ${str(p.env)}.`,
    fr: (p) =>
      `Le port ${str(p.port)} (${str(p.service)}) est déjà utilisé. Arrêtez le programme qui l'occupe ou choisissez-en un autre avec ${str(p.flag)} ou ${str(p.env)}.`,
  },
  database_unreachable: {
    en: (p) => `Cannot reach the database: ${str(p.reason)}`,
    zh: (p) => `无法连接数据库：${str(p.reason)}`,
    it: (p) => `Impossibile raggiungere il database: ${str(p.reason)}`,
    fr: (p) => `Impossible de joindre la base de données : ${str(p.reason)}`,
  },
  request_invalid: {
    en: (p) => `The device request is invalid: ${str(p.reason)}.`,
    zh: (p) => `设备请求无效：${str(p.reason)}。`,
    it: (p) => `La richiesta del dispositivo non è valida: ${str(p.reason)}.`,
    fr: (p) => `La requête de l'appareil est invalide : ${str(p.reason)}.`,
  },
  too_many_properties: {
    en: (p) => `Too many properties in one message (limit ${str(p.limit)}).`,
    zh: (p) => `一条消息中的属性过多（上限 ${str(p.limit)}）。`,
    it: (p) => `Troppe proprietà in un messaggio (limite ${str(p.limit)}).`,
    fr: (p) => `Trop de propriétés dans un message (limite ${str(p.limit)}).`,
  },
  topic_not_allowed: {
    en: (p) => `Topic ${str(p.topic)} is not allowed for this device.`,
    zh: (p) => `此设备不允许使用主题 ${str(p.topic)}。`,
    it: (p) => `Il topic ${str(p.topic)} non è consentito a questo dispositivo.`,
    fr: (p) => `Le topic ${str(p.topic)} n'est pas autorisé pour cet appareil.`,
  },
  property_unknown: {
    en: (p) => `${str(p.path)} is not a property of this thing model.`,
    zh: (p) => `${str(p.path)} 不是该物模型的属性。`,
    it: (p) => `${str(p.path)} non è una proprietà di questo modello.`,
    fr: (p) => `${str(p.path)} n'est pas une propriété de ce modèle.`,
  },
  property_invalid: {
    en: (p) => `${str(p.path)}: ${str(p.rule)} (got ${str(p.value)}).`,
    zh: (p) => `${str(p.path)}：${str(p.rule)}（收到 ${str(p.value)}）。`,
    it: (p) => `${str(p.path)}: ${str(p.rule)} (ricevuto ${str(p.value)}).`,
    fr: (p) => `${str(p.path)} : ${str(p.rule)} (reçu ${str(p.value)}).`,
  },
  service_unknown: {
    en: (p) => `${str(p.name)} is not a service or event of this thing model.`,
    zh: (p) => `${str(p.name)} 不是该物模型的服务或事件。`,
    it: (p) => `${str(p.name)} non è un servizio o evento di questo modello.`,
    fr: (p) => `${str(p.name)} n'est pas un service ou un événement de ce modèle.`,
  },
  device_offline: {
    en: (p) => `${str(p.name) || 'The device'} is offline.`,
    zh: (p) => `${str(p.name) || '设备'}离线了。`,
    it: (p) => `${str(p.name) || 'Il dispositivo'} è offline.`,
    fr: (p) => `${str(p.name) || "L'appareil"} est hors ligne.`,
  },
  device_timeout: {
    en: (p) => `${str(p.name) || 'The device'} did not answer in time.`,
    zh: (p) => `${str(p.name) || '设备'}没有及时响应。`,
    it: (p) => `${str(p.name) || 'Il dispositivo'} non ha risposto in tempo.`,
    fr: (p) => `${str(p.name) || "L'appareil"} n'a pas répondu à temps.`,
  },
  insufficient_funds: {
    en: (p) => `Not enough money: ${str(p.available)} available, ${str(p.needed)} needed.`,
    zh: (p) => `余额不足：可用 ${str(p.available)}，需要 ${str(p.needed)}。`,
    it: (p) => `Fondi insufficienti: disponibili ${str(p.available)}, necessari ${str(p.needed)}.`,
    fr: (p) => `Fonds insuffisants : ${str(p.available)} disponibles, ${str(p.needed)} nécessaires.`,
  },
  idempotency_key_reused: {
    en: (p) => `The idempotency key ${str(p.key)} was already used with a different request.`,
    zh: (p) => `幂等键 ${str(p.key)} 已用于另一个不同的请求。`,
    it: (p) => `La chiave di idempotenza ${str(p.key)} è già stata usata per una richiesta diversa.`,
    fr: (p) => `La clé d'idempotence ${str(p.key)} a déjà servi pour une autre requête.`,
  },
  idempotency_in_flight: {
    en: (p) => `A request with the idempotency key ${str(p.key)} is still in progress; retry shortly.`,
    zh: (p) => `使用幂等键 ${str(p.key)} 的请求仍在处理中，请稍后重试。`,
    it: (p) => `Una richiesta con la chiave ${str(p.key)} è ancora in corso; riprova tra poco.`,
    fr: (p) => `Une requête avec la clé ${str(p.key)} est encore en cours ; réessayez dans un instant.`,
  },
  payment_disabled: {
    en: () => 'Paying by voice is off in this home. A household member can turn it on in the settings.',
    zh: () => '这个家庭没有开启语音支付，家庭成员可以在设置里开启。',
    it: () =>
      'Il pagamento con la voce è disattivato in questa casa. Un membro della famiglia può attivarlo nelle impostazioni.',
    fr: () =>
      'Le paiement à la voix est désactivé dans ce foyer. Un membre du foyer peut l’activer dans les réglages.',
  },
  payment_denied: {
    en: () => 'This member of the household may not pay.',
    zh: () => '这位家庭成员没有支付权限。',
    it: () => 'Questo membro della famiglia non può pagare.',
    fr: () => 'Ce membre du foyer n’a pas le droit de payer.',
  },
  payment_pin_wrong: {
    en: (p) =>
      `That PIN is not right.${p.attemptsLeft !== undefined ? ` ${str(p.attemptsLeft)} attempts left.` : ''}`,
    zh: (p) => `支付密码不对。${p.attemptsLeft !== undefined ? `还可以再试${str(p.attemptsLeft)}次。` : ''}`,
    it: (p) =>
      `Il PIN non è corretto.${p.attemptsLeft !== undefined ? ` Tentativi rimasti: ${str(p.attemptsLeft)}.` : ''}`,
    fr: (p) =>
      `Ce code n’est pas le bon.${p.attemptsLeft !== undefined ? ` Essais restants : ${str(p.attemptsLeft)}.` : ''}`,
  },
  payment_locked: {
    en: (p) => `Payments are locked after too many wrong PINs; try again in ${str(p.minutes)} minutes.`,
    zh: (p) => `支付密码错误次数过多，已锁定，请${str(p.minutes)}分钟后再试。`,
    it: (p) => `I pagamenti sono bloccati dopo troppi PIN sbagliati; riprova tra ${str(p.minutes)} minuti.`,
    fr: (p) =>
      `Les paiements sont bloqués après trop de codes erronés ; réessayez dans ${str(p.minutes)} minutes.`,
  },
  payment_limit: {
    en: (p) => `This payment is over the ${str(p.limit)} limit.`,
    zh: (p) => `这笔支付超过了${str(p.limit)}的限额。`,
    it: (p) => `Questo pagamento supera il limite ${str(p.limit)}.`,
    fr: (p) => `Ce paiement dépasse la limite ${str(p.limit)}.`,
  },
  payment_declined: {
    en: (p) => `The payment network declined the payment${p.reason ? `: ${str(p.reason)}` : ''}.`,
    zh: (p) => `支付网络拒绝了这笔支付${p.reason ? `：${str(p.reason)}` : ''}。`,
    it: (p) => `La rete di pagamento ha rifiutato il pagamento${p.reason ? `: ${str(p.reason)}` : ''}.`,
    fr: (p) => `Le réseau de paiement a refusé le paiement${p.reason ? ` : ${str(p.reason)}` : ''}.`,
  },
  signature_invalid: {
    en: (p) => `The signature was refused${p.reason ? `: ${str(p.reason)}` : ''}.`,
    zh: (p) => `签名被拒绝${p.reason ? `：${str(p.reason)}` : ''}。`,
    it: (p) => `La firma è stata rifiutata${p.reason ? `: ${str(p.reason)}` : ''}.`,
    fr: (p) => `La signature a été refusée${p.reason ? ` : ${str(p.reason)}` : ''}.`,
  },
  miniapp_timeout: {
    en: (p) => `The mini-app took longer than ${str(p.limitMs)} ms${p.kind ? ` (${str(p.kind)})` : ''}.`,
    zh: (p) => `小程序运行超过了 ${str(p.limitMs)} 毫秒${p.kind ? `（${str(p.kind)}）` : ''}。`,
    it: (p) => `La mini-app ha superato ${str(p.limitMs)} ms${p.kind ? ` (${str(p.kind)})` : ''}.`,
    fr: (p) => `La mini-app a dépassé ${str(p.limitMs)} ms${p.kind ? ` (${str(p.kind)})` : ''}.`,
  },
  miniapp_memory: {
    en: (p) => `The mini-app ran out of its ${str(p.limitBytes)} bytes of memory.`,
    zh: (p) => `小程序用完了 ${str(p.limitBytes)} 字节的内存。`,
    it: (p) => `La mini-app ha esaurito i suoi ${str(p.limitBytes)} byte di memoria.`,
    fr: (p) => `La mini-app a épuisé ses ${str(p.limitBytes)} octets de mémoire.`,
  },
  miniapp_stack: {
    en: () => 'The mini-app overflowed its stack (too deep a recursion).',
    zh: () => '小程序栈溢出（递归太深）。',
    it: () => 'La mini-app ha esaurito il suo stack (ricorsione troppo profonda).',
    fr: () => 'La mini-app a dépassé sa pile (récursion trop profonde).',
  },
  miniapp_too_large: {
    en: (p) => `The mini-app's ${str(p.what) || 'message'} is larger than ${str(p.limitBytes)} bytes.`,
    zh: (p) => `小程序的${str(p.what) || '消息'}超过了 ${str(p.limitBytes)} 字节。`,
    it: (p) => `${str(p.what) || 'Il messaggio'} della mini-app supera ${str(p.limitBytes)} byte.`,
    fr: (p) => `${str(p.what) || 'Le message'} de la mini-app dépasse ${str(p.limitBytes)} octets.`,
  },
  miniapp_error: {
    en: (p) => `The mini-app failed${p.reason ? `: ${str(p.reason)}` : ''}.`,
    zh: (p) => `小程序出错${p.reason ? `：${str(p.reason)}` : ''}。`,
    it: (p) => `La mini-app ha avuto un errore${p.reason ? `: ${str(p.reason)}` : ''}.`,
    fr: (p) => `La mini-app a échoué${p.reason ? ` : ${str(p.reason)}` : ''}.`,
  },
  miniapp_disposed: {
    en: () => 'The mini-app was stopped and must be loaded again.',
    zh: () => '小程序已停止，需要重新加载。',
    it: () => 'La mini-app è stata fermata e va ricaricata.',
    fr: () => 'La mini-app a été arrêtée et doit être rechargée.',
  },
  miniapp_host_calls: {
    en: (p) => `The mini-app made more than ${str(p.limit)} host calls for one request.`,
    zh: (p) => `小程序处理一个请求时调用宿主接口超过了 ${str(p.limit)} 次。`,
    it: (p) => `La mini-app ha fatto più di ${str(p.limit)} chiamate all'host per una richiesta.`,
    fr: (p) => `La mini-app a fait plus de ${str(p.limit)} appels à l'hôte pour une requête.`,
  },
};
