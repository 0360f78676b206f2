// Thin JSON client for the MLflow and native APIs; errors carry the server's message.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(method, path, body, headers) {
  const init = { method, headers: { ...(headers || {}) } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch (e) {
    json = { message: text };
  }
  if (!response.ok) {
    throw new ApiError(response.status, json.error_code || 'HTTP_' + response.status,
      json.message || response.statusText);
  }
  return json;
}

export const get = (path, query) => call('GET', query ? path + '?' + new URLSearchParams(query) : path);
export const post = (path, body, headers) => call('POST', path, body, headers);
export const mlflow = (endpoint) => '/api/2.0/mlflow/' + endpoint;
