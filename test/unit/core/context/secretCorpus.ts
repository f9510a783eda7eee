/** A planted corpus of synthetic secrets (>= 30 kinds, many file types), generated from a seed. */
import { seededRandom } from '../../../../src/core/stats/prng';

/** A planted secret: its kind and the exact value that must never be sent. */
export interface PlantedSecret {
  kind: string;
  path: string;
  value: string;
}

/** The corpus: files to write and secrets planted in them. */
export interface SecretCorpus {
  files: { path: string; content: string }[];
  secrets: PlantedSecret[];
}

const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOW = 'abcdefghijklmnopqrstuvwxyz';
const DIG = '0123456789';
const HEX = '0123456789abcdef';

/** Builds the corpus deterministically. */
export function buildSecretCorpus(seed = 1234): SecretCorpus {
  const r = seededRandom(seed);
  const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
  const alnum = (n: number) => pick(UP + LOW + DIG, n);
  const b64 = (n: number) => pick(UP + LOW + DIG + '+/', n);
  const files: { path: string; content: string }[] = [];
  const secrets: PlantedSecret[] = [];
  const plant = (kind: string, path: string, value: string, render: (v: string) => string) => {
    secrets.push({ kind, path, value });
    files.push({ path, content: render(value) });
  };
  const pemBody = () => Array.from({ length: 12 }, () => b64(64)).join('\n');

  plant('aws-access-key-id', 'src/aws/client.ts', 'AKIA' + pick(UP + DIG, 16), (v) => `export const accessKeyId = '${v}';\nexport const region = 'eu-west-1';\n`);
  plant('aws-secret-access-key', 'deploy/settings.py', b64(40), (v) => `AWS_REGION = "eu-west-1"\naws_secret_access_key = "${v}"\n`);
  plant('gcp-service-account-key', 'config/gcp.json', `-----BEGIN PRIVATE KEY-----\n${pemBody()}\n-----END PRIVATE KEY-----\n`, (v) =>
    JSON.stringify({ type: 'service_account', project_id: 'demo-project', private_key_id: pick(HEX, 40), private_key: v, client_email: 'svc@demo-project.iam.gserviceaccount.com' }, null, 2));
  plant('rsa-private-key', 'docs/setup.md', `-----BEGIN RSA PRIVATE KEY-----\nMI${pemBody()}\n-----END RSA PRIVATE KEY-----`, (v) => `# Setup\n\nUse this key:\n\n${v}\n\nThen run it.\n`);
  plant('openssh-private-key', 'notes/keys.txt', `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE${pemBody()}\n-----END OPENSSH PRIVATE KEY-----`, (v) => `server key follows\n${v}\n`);
  plant('ec-private-key-in-go', 'internal/tls/key.go', `-----BEGIN EC PRIVATE KEY-----\nMH${pemBody()}\n-----END EC PRIVATE KEY-----`, (v) => `package tls\n\nconst keyPEM = \`${v}\`\n`);
  plant('npm-token', 'scripts/publish.sh', 'npm_' + alnum(36), (v) => `#!/bin/sh\nexport NPM_TOKEN=${v}\nnpm publish\n`);
  plant('basic-auth-url', 'config/mirror.yaml', 'Pw' + alnum(14), (v) => `mirror:\n  url: https://admin:${v}@mirror.internal.io/repo\n`);
  plant('slack-bot-token', 'src/notify.js', `xoxb-${pick(DIG, 12)}-${pick(DIG, 13)}-${alnum(24)}`, (v) => `const slack = new WebClient('${v}');\n`);
  plant('slack-webhook', 'config/hooks.json', `https://hooks.slack.com/services/T${pick(UP + DIG, 10)}/B${pick(UP + DIG, 10)}/${alnum(24)}`, (v) => `{\n  "alerts": "${v}"\n}\n`);
  plant('sendgrid-key', 'app/mailers/sender.rb', `SG.${alnum(22)}.${alnum(43)}`, (v) => `class Sender\n  KEY = "${v}"\nend\n`);
  plant('shopify-token', 'shop/api.php', 'shpat_' + pick(HEX, 32), (v) => `<?php\n$client = new Shopify('${v}');\n`);
  plant('stripe-live-key', 'src/billing.ts', 'sk_live_' + alnum(30), (v) => `const stripe = new Stripe("${v}");\n`);
  plant('github-classic-pat', 'tools/release.py', 'ghp_' + alnum(36), (v) => `import os\nGH = "${v}"\n`);
  plant('github-fine-grained-pat', 'CONTRIBUTING.md', 'github_pat_' + alnum(22) + '_' + alnum(59), (v) => `Maintainers: export GH_TOKEN=${v} before releasing.\n`);
  plant('gitlab-pat', '.gitlab-ci.yml', 'glpat-' + alnum(20), (v) => `variables:\n  DEPLOY_TOKEN: ${v}\n`);
  plant('grafana-service-account', 'monitoring/grafana.ini', `glsa_${alnum(32)}_${pick(HEX, 8)}`, (v) => `[auth]\napi = ${v}\n`);
  plant('openai-key', 'notebooks/run.json', `sk-proj-${alnum(74)}T3BlbkFJ${alnum(74)}`, (v) => `{"cells": [{"source": ["client = OpenAI(api_key='${v}')"]}]}\n`);
  plant('anthropic-key', 'src/llm.ts', `sk-ant-api03-${alnum(93)}AA`, (v) => `const anthropic = new Anthropic({ apiKey: '${v}' });\n`);
  plant('groq-key', 'bots/groq_bot.py', 'gsk_' + alnum(52), (v) => `client = Groq(api_key="${v}")\n`);
  plant('huggingface-token', 'train/hub.py', 'hf_' + pick(UP + LOW, 34), (v) => `login(token="${v}")\n`);
  plant('linear-key', 'src/linear.ts', 'lin_api_' + alnum(40), (v) => `const linear = new LinearClient({ apiKey: "${v}" });\n`);
  plant('notion-token', 'src/notion.js', 'ntn_' + pick(DIG, 11) + alnum(35), (v) => `const notion = new Client({ auth: "${v}" });\n`);
  plant('postgres-url', 'docker-compose.yml', 'Pg' + alnum(16), (v) => `services:\n  api:\n    environment:\n      DATABASE_URL: postgres://app:${v}@db:5432/app\n`);
  plant('mongodb-url', 'src/main/java/Db.java', 'Mg' + alnum(16), (v) => `class Db { String uri = "mongodb+srv://root:${v}@cluster0.mongodb.net/prod"; }\n`);
  plant('vault-token', 'infra/vault.hcl', 'hvs.' + alnum(95), (v) => `token = "${v}"\n`);
  plant('vercel-token', 'scripts/deploy.ts', 'vcp_' + alnum(40), (v) => `await deploy({ token: '${v}' });\n`);
  plant('databricks-token', 'jobs/etl.scala', 'dapi' + pick(HEX, 32), (v) => `val conf = Map("token" -> "${v}")\n`);
  plant('docker-pat', 'ci/login.sh', 'dckr_pat_' + alnum(27), (v) => `echo ${v} | docker login -u bot --password-stdin\n`);
  plant('figma-token', 'design/sync.ts', 'figd_' + alnum(43), (v) => `fetch(url, { headers: { 'X-Figma-Token': '${v}' } });\n`);
  plant('tailscale-key', 'infra/join.sh', `tskey-auth-${alnum(12)}-${alnum(30)}`, (v) => `tailscale up --authkey=${v}\n`);
  plant('django-secret-key', 'web/settings.py', `${alnum(10)}!@#${alnum(12)}$%^${alnum(14)}`, (v) => `DEBUG = False\nSECRET_KEY = '${v}'\n`);
  plant('generic-api-key-toml', 'config/app.toml', alnum(32), (v) => `[service]\nname = "svc"\napi_key = "${v}"\n`);
  plant('yaml-password', 'config/database.yaml', 'hunter2' + pick(LOW + DIG, 6), (v) => `db:\n  user: app\n  password: ${v}\n`);
  plant('json-password', 'appsettings.json', 'Q' + alnum(11) + '!', (v) => `{\n  "Smtp": { "User": "mailer", "Password": "${v}" }\n}\n`);
  plant('jwt', 'api/requests.http', `eyJ${alnum(20)}.eyJ${alnum(60)}.${alnum(43)}`, (v) => `GET /me\nAuthorization: ${v}\n`);
  plant('google-api-key', 'android/Maps.kt', 'AIza' + pick(UP + LOW + DIG + '_-', 35), (v) => `val mapsKey = "${v}"\n`);
  plant('bearer-token', 'README.md', alnum(40), (v) => `# Demo\n\n\`\`\`\ncurl -H "Authorization: Bearer ${v}" https://api.service.io/v1\n\`\`\`\n`);
  plant('azure-storage-key', 'src/Storage.cs', b64(86) + '==', (v) => `var cs = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${v};EndpointSuffix=core.windows.net";\n`);
  plant('twilio-key', 'sms/send.py', 'SK' + pick(HEX, 32), (v) => `twilio_sid = "${v}"\n`);
  plant('mailgun-key', 'mail/mg.js', 'key-' + alnum(32), (v) => `mailgun.client({ username: 'api', key: '${v}' });\n`);
  plant('telegram-bot-token', 'bot/tg.py', `${pick(DIG, 10)}:AA${alnum(33)}`, (v) => `bot = Bot("${v}")\n`);
  plant('xml-password', 'maven/settings.xml', 'Mv' + alnum(12), (v) => `<settings><servers><server><id>repo</id><password>${v}</password></server></servers></settings>\n`);
  plant('properties-password', 'src/main/resources/application.properties', 'Db' + alnum(10), (v) => `spring.datasource.url=jdbc:h2:mem:db\nspring.datasource.password=${v}\n`);
  plant('disable-comment-bypass', 'src/bypass.ts', 'ghp_' + alnum(36), (v) => `const t = "${v}"; // secretlint-disable-line\n`);
  plant('python-private-key-string', 'auth/keys.py', `-----BEGIN PRIVATE KEY-----\n${pemBody()}\n-----END PRIVATE KEY-----`, (v) => `KEY = """${v}"""\n`);
  // Dropped whole by file name.
  plant('dotenv-file', '.env', 'envsecret' + alnum(20), (v) => `DB_PASSWORD=${v}\nPORT=3000\n`);
  plant('dotenv-local-file', 'web/.env.local', 'Lc' + alnum(20), (v) => `NEXT_PUBLIC_X=1\nSESSION_KEY=${v}\n`);
  plant('aws-credentials-file', 'credentials', b64(40), (v) => `[default]\naws_access_key_id = AKIA${pick(UP + DIG, 16)}\naws_secret_access_key = ${v}\n`);
  plant('id-rsa-file', 'deploy/id_rsa', `-----BEGIN RSA PRIVATE KEY-----\nMI${pemBody()}\n-----END RSA PRIVATE KEY-----\n`, (v) => v);
  plant('npmrc-file', '.npmrc', alnum(36), (v) => `//registry.npmjs.org/:_authToken=${v}\n`);
  plant('pem-file', 'certs/server.pem', b64(64), (v) => `-----BEGIN PRIVATE KEY-----\n${v}\n-----END PRIVATE KEY-----\n`);
  return { files, secrets };
}

/** Windows of a secret that must not appear (whole value, plus 16-char slices of long values). */
export function secretWindows(value: string): string[] {
  const out = [value];
  if (value.length >= 24) for (const at of [0, Math.floor(value.length / 2) - 8, value.length - 16]) out.push(value.slice(at, at + 16));
  return out;
}
