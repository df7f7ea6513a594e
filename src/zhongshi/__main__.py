from zhongshi.cli import main

main()
