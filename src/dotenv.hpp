#pragma once
// .env reading (in progress)
