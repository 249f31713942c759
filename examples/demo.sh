#!/usr/bin/env bash
# Build a demo ledger and look around: the commands a clerk would type.
set -euo pipefail
db=${1:-demo.db}
export HOUQIN_DB=$db HOUQIN_OPERATOR=${HOUQIN_OPERATOR:-总务处}
houqin demo
houqin people list --role approver
houqin unit list --kind class
houqin place list --building 教学楼
houqin people add 张世杰 --unit 总务处 --role storekeeper --phone 13800000000
houqin people show zsj
houqin term current
houqin config set audit.approval_threshold ¥3,000
houqin audit log --limit 5
seal=$(houqin audit seal)
houqin audit verify --against "$seal"
houqin check
