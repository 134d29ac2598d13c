// The generated Python project of bench/python.mjs and bench/python-floor.mjs: N handler files of
// ~35 lines (boto3 resource, a local package import, a joined thread), one serverless.yml with N
// functions; without sources it is the "config-only" project (every handler not found).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One handler file's source. */
export function handlerSource(i) {
  return `import json
import os
import threading

import boto3

from lib.validate import validate

_table = None
TABLE = os.environ["TABLE_NAME"]


def table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(TABLE)
    return _table


def handler(event, context):
    body = json.loads(event.get("body") or "{}")
    errors = validate(body)
    if errors:
        return {"statusCode": 400, "body": json.dumps({"errors": errors})}
    existing = table().get_item(Key={"pk": body["id"]}).get("Item")
    if existing:
        return {"statusCode": 409, "body": "exists"}
    item = {"pk": body["id"], "n": ${i}, **body}
    table().put_item(Item=item)
    worker = threading.Thread(target=print, args=(item["pk"],))
    worker.start()
    worker.join()
    return {"statusCode": 201, "body": json.dumps(item)}
`;
}

/** A project in a fresh temporary folder (a fake repository: it has a .git folder). */
export function pythonProject(files, withSources) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-bench-python-'));
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'src', 'lib'), { recursive: true });
  const functions = [];
  for (let i = 0; i < files; i++) {
    if (withSources) fs.writeFileSync(path.join(dir, 'src', `h${i}.py`), handlerSource(i));
    functions.push(`  f${i}:\n    handler: src/h${i}.handler\n`);
  }
  if (withSources) {
    fs.writeFileSync(path.join(dir, 'src', 'lib', '__init__.py'), '');
    fs.writeFileSync(path.join(dir, 'src', 'lib', 'validate.py'), 'def validate(body):\n    return [] if body.get("id") else ["id is required"]\n');
  }
  const statements = '      statements:\n        - Effect: Allow\n          Action: [dynamodb:GetItem, dynamodb:PutItem]\n          Resource: arn:aws:dynamodb:*:*:table/bench\n';
  fs.writeFileSync(path.join(dir, 'serverless.yml'), `service: bench\nprovider:\n  name: aws\n  runtime: python3.12\n  environment:\n    TABLE_NAME: bench\n  iam:\n    role:\n${statements}functions:\n${functions.join('')}`);
  return dir;
}
