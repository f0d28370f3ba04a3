// Drives the Voximplant management API simulator with Voximplant's official Node client, unchanged: the client
// builds its own JWT from the credentials file and posts multipart/form-data with `cmd` to https://{host}/platform_api.
// Run by VoximplantOfficialClientIT with VOXIMPLANT_CREDENTIALS (the simulator's credentials file),
// VOXIMPLANT_HOST (127.0.0.1:port of the simulator's TLS listener) and NODE_EXTRA_CA_CERTS (the sandbox CA).
// Prints one JSON object: what each call resolved to (or the rejection), for the Java test to judge.
'use strict';
const VoximplantApiClient = require('@voximplant/apiclient-nodejs').default;

const client = new VoximplantApiClient({
  pathToCredentials: process.env.VOXIMPLANT_CREDENTIALS,
  host: process.env.VOXIMPLANT_HOST,
});

async function attempt(call) {
  try {
    return await call();
  } catch (e) {
    return { rejected: e.message, status: e.response ? e.response.status : null };
  }
}

client.onReady = async () => {
  const out = {};
  const script = "VoxEngine.addEventListener(AppEvents.Started, function () { VoxEngine.terminate(); });";
  out.addApplication = await attempt(() => client.Applications.addApplication({ applicationName: 'official-client' }));
  const applicationId = out.addApplication.applicationId;
  out.addScenario = await attempt(() => client.Scenarios.addScenario({ scenarioName: 'official-client', scenarioScript: script }));
  const scenarioId = out.addScenario.scenarioId;
  out.addRule = await attempt(() => client.Rules.addRule({
    applicationId, ruleName: 'official-rule', rulePattern: '^official$', scenarioId }));
  const ruleId = out.addRule.ruleId;
  out.getRules = await attempt(() => client.Rules.getRules({ applicationName: 'official-client', ruleName: 'official', withScenarios: true }));
  out.setScenarioInfo = await attempt(() => client.Scenarios.setScenarioInfo({ scenarioId, scenarioScript: script + '\n// версия 2' }));
  out.getScenarios = await attempt(() => client.Scenarios.getScenarios({ scenarioId, withScript: true }));
  out.bindScenario = await attempt(() => client.Scenarios.bindScenario({ scenarioId, ruleId, applicationId, bind: true }));
  out.startScenarios = await attempt(() => client.Scenarios.startScenarios({ ruleId, scriptCustomData: 'call_official' }));
  // Refusals: a wrong type, a missing required parameter, a misspelt parameter (sent as given: it is not declared).
  out.wrongType = await attempt(() => client.Scenarios.startScenarios({ ruleId: 'abc' }));
  out.missing = await attempt(() => client.Scenarios.startScenarios({ scriptCustomData: 'x' }));
  out.misspelt = await attempt(() => client.Scenarios.startScenarios({ ruleId, custom_data: 'x' }));
  out.token = client.generateAuthHeader().split('.')[1];
  process.stdout.write(JSON.stringify(out) + '\n');
};
